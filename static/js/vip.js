// Progressive enhancement: the pages work without this file.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();

// Filter forms update their results with htmx as the user types or chooses; the
// submit button stays for keyboard and no-JS users. Announce the new count.
document.addEventListener("htmx:afterSwap", (event) => {
  // The event fires on the new content; with an outerHTML swap event.detail.target
  // is the element that was replaced and still holds the old count.
  const target = event.target;
  if (target && target.dataset.vipAnnounce) {
    const status = document.getElementById(target.dataset.vipAnnounce);
    const count = target.querySelector("[data-vip-count]");
    if (status && count) {
      status.textContent = count.textContent;
    }
  }
});

// Wide tables scroll sideways inside .vip-table-scroll on narrow screens, so the
// page itself never does (WCAG 1.4.10). A container that really scrolls becomes a
// named, focusable region so that keyboard users can scroll it with the arrow keys.
function updateTableScroll(box) {
  if (box.scrollWidth > box.clientWidth + 1) {
    const caption = box.querySelector("caption");
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    if (caption) {
      box.setAttribute("aria-label", caption.textContent.trim());
    }
  } else {
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
}

const tableScrollObserver =
  "ResizeObserver" in window
    ? new ResizeObserver((entries) => entries.forEach((entry) => updateTableScroll(entry.target)))
    : null;

function watchTables(root) {
  root.querySelectorAll(".vip-table-scroll").forEach((box) => {
    updateTableScroll(box);
    if (tableScrollObserver) {
      tableScrollObserver.observe(box);
    }
  });
}

watchTables(document);
document.addEventListener("htmx:afterSwap", () => watchTables(document));
