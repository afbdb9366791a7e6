// Django's autocomplete boxes (select2) made to pass WCAG: select2 draws a search box with no
// label, a <ul> whose children are not all <li>, a combobox without aria-controls, and a single
// choice box named by its chosen item alone (so by nothing while empty). Each box and search box
// is named after the field's own label, and the list of chosen items is a plain group. Runs again
// whenever select2 redraws.
(function () {
  "use strict";

  function labelOf(container) {
    // Only the box drawn after its <select> ("select2"), not a dropdown appended to the page.
    const select = container.classList.contains("select2") && container.previousElementSibling;
    if (!select || select.tagName !== "SELECT" || !select.id) return null;
    return document.querySelector(`label[for="${select.id}"]`);
  }

  function labelFor(container) {
    const label = labelOf(container);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "Search";
  }

  function fix() {
    document.querySelectorAll(".select2-container").forEach((container) => {
      const name = container.classList.contains("select2-container--open") && !container.previousElementSibling
        ? "Search" : labelFor(container);
      container.querySelectorAll(".select2-search__field:not([aria-label])").forEach((field) => {
        field.setAttribute("aria-label", `${name}: type to search`);
      });
      const label = labelOf(container);
      container.querySelectorAll('[role="combobox"][aria-labelledby]').forEach((box) => {
        // A single choice box is named by its chosen item only (nothing when empty): the field's
        // label comes first.
        if (!label) return;
        label.id = label.id || `${container.previousElementSibling.id}-label`;
        const names = box.getAttribute("aria-labelledby").split(" ");
        if (!names.includes(label.id)) box.setAttribute("aria-labelledby", [label.id, ...names].join(" "));
      });
      container.querySelectorAll('.select2-selection__rendered[role="textbox"]').forEach((shown) => {
        // The chosen item's text, read as part of the box's name: not a nameless text field of its own.
        shown.removeAttribute("role");
        shown.removeAttribute("aria-readonly");
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
