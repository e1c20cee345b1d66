// Starts govuk-frontend's components (error summary focus, buttons, service navigation, ...).
window.GOVUKFrontend.initAll();
