// Starts govuk-frontend's components (error summary focus, buttons, service navigation, ...).
window.GOVUKFrontend.initAll();

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
