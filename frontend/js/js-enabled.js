// Loaded at the top of <body>, before anything is painted: govuk-frontend styles its
// components for JavaScript when these classes are present.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
