// Runs first in <body>: lets GOV.UK Frontend style components for JavaScript.
// (A file, not inline, because the Content Security Policy forbids inline script.)
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
