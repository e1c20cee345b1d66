// Starts govuk-frontend's components (error summary focus, buttons, service navigation, ...).
window.GOVUKFrontend.initAll();

// Every table scrolls in its own area on a narrow screen (WCAG 1.4.10, reflow at 320 px),
// never the page. Templates wrap their tables already; this wraps any that are not, as a
// focusable region named by the table's caption so keyboard users can scroll it.
document.querySelectorAll("table.govuk-table").forEach(function (table) {
  if (table.closest(".fairhear-table-scroll")) {
    return;
  }
  var area = document.createElement("div");
  area.className = "fairhear-table-scroll";
  area.setAttribute("role", "region");
  area.setAttribute("tabindex", "0");
  var caption = table.querySelector("caption");
  area.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
  table.parentNode.insertBefore(area, table);
  area.appendChild(table);
});

// Questions asked only after one answer (GOV.UK's conditional reveal): a radio with
// data-reveals shows the part it names while it is chosen. govuk-frontend's own reveal sets
// aria-expanded on the radios, which ARIA does not allow there, so ours leaves it out; the
// revealed part follows its radio, where a screen reader comes to it next.
document.querySelectorAll("input[data-reveals]").forEach(function (input) {
  var part = document.getElementById(input.getAttribute("data-reveals"));
  var group = input.form.querySelectorAll('input[type="radio"][name="' + input.name + '"]');
  function sync() {
    part.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
  }
  group.forEach(function (radio) {
    radio.addEventListener("change", sync);
  });
  sync();
});
