// Security keys (WebAuthn), for the pages that add or use one. A form marked data-webauthn
// ("create" to add a key, "get" to use one) asks the browser for the key when it is sent,
// with the options the server wrote in the JSON element data-webauthn-options names; it puts
// the key's answer in the form's hidden credential field and sends the form on. If the browser
// cannot use a key (none touched, cancelled, not added to this account), the page's error
// summary says so. window.webauthnJSON is GitHub's webauthn-json, as django-allauth ships it.
document.querySelectorAll("form[data-webauthn]").forEach(function (form) {
  var credential = form.querySelector('input[name="credential"]');
  var problem = document.querySelector("[data-webauthn-problem]");
  var ask = form.getAttribute("data-webauthn") === "create" ? "create" : "get";
  // form.submit() below sends the form without coming back here.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var options = JSON.parse(
      document.getElementById(form.getAttribute("data-webauthn-options")).textContent,
    );
    window.webauthnJSON[ask](options).then(
      function (answer) {
        credential.value = JSON.stringify(answer);
        // The form's own method: a button named "submit" hides it as form.submit.
        HTMLFormElement.prototype.submit.call(form);
      },
      function () {
        problem.classList.replace("govuk-!-display-none", "govuk-error-summary");
        problem.focus();
      },
    );
  });
});
