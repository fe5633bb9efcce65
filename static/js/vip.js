// Progressive enhancement: the pages work without this file.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();

// Filter forms marked data-vip-autosubmit update their results as the user types
// or chooses (htmx); the submit button stays for keyboard and no-JS users.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  if (target && target.dataset.vipAnnounce) {
    const status = document.getElementById(target.dataset.vipAnnounce);
    const count = target.querySelector("[data-vip-count]");
    if (status && count) {
      status.textContent = count.textContent;
    }
  }
});
