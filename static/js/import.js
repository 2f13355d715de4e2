// The import pages: while a large file is read, checked and imported, say so,
// and keep a second click from sending it twice. Without this file the forms
// work the same, just without the message.
"use strict";

(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-busy-form]");
    if (!form) return;
    if (form.hasAttribute("aria-busy")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("aria-busy", "true");
    var message = form.querySelector("[data-busy-message]");
    if (message) message.hidden = false;
  });

  // Coming back with the browser's Back button: the page is ready again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-busy-form][aria-busy]").forEach(function (form) {
      form.removeAttribute("aria-busy");
      var message = form.querySelector("[data-busy-message]");
      if (message) message.hidden = true;
    });
  });
})();
