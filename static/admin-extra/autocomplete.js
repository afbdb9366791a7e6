// Django's autocomplete boxes (select2) made to pass WCAG: select2 draws a search box with no
// label, a <ul> whose children are not all <li>, and a combobox without aria-controls. Each search box is named after the field's own
// label, and the list of chosen items is a plain group. Runs again whenever select2 redraws.
(function () {
  "use strict";

  function labelFor(container) {
    const select = container.previousElementSibling;
    const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "Search";
  }

  function fix() {
    document.querySelectorAll(".select2-container").forEach((container) => {
      const name = container.classList.contains("select2-container--open") && !container.previousElementSibling
        ? "Search" : labelFor(container);
      container.querySelectorAll(".select2-search__field:not([aria-label])").forEach((field) => {
        field.setAttribute("aria-label", `${name}: type to search`);
      });
      container.querySelectorAll('[role="combobox"]').forEach((box) => {
        // While open, the combobox names its list of choices (select2 sets only aria-owns).
        const owns = box.getAttribute("aria-owns");
        if (owns && box.getAttribute("aria-controls") !== owns) box.setAttribute("aria-controls", owns);
        if (!owns && box.hasAttribute("aria-controls")) box.removeAttribute("aria-controls");
      });
      container.querySelectorAll("ul.select2-selection__rendered:not([role])").forEach((list) => {
        list.setAttribute("role", "none");
        list.querySelectorAll(":scope > li").forEach((item) => item.setAttribute("role", "none"));
      });
    });
  }

  function start() {
    fix();
    new MutationObserver(fix).observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["aria-owns"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
