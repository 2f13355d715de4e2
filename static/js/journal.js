// Journal pages: the reflection's step-by-step view, and the automatic
// thought kept in view while writing the reframe. (The warning before leaving
// unsaved words and autosave's bookkeeping are in app.js.) Every form works
// without this file.
// No inline handlers or eval: the CSP forbids them.
"use strict";

(function () {
  // Loaded without `defer`, so the reflection shows one step at a time from
  // the first paint instead of flashing the long form.
  document.documentElement.classList.add("js");

  // The automatic thought stays in view while writing the reframe.
  document.addEventListener("input", function (event) {
    if (event.target.name !== "automatic_thought") return;
    var form = event.target.form || event.target.closest("form");
    if (form) showThought(form, event.target.value);
  });

  // --- the step flow ------------------------------------------------------------
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "reflection-steps") return;
    // With a mistake to fix, app.js has already put focus on the error summary.
    if (target.querySelector("[data-error-summary]")) return;
    var heading = target.querySelector(".step--current .step__heading");
    if (!heading) return;
    target.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  });

  function showThought(form, text) {
    var echo = form.querySelector("[data-thought-echo]");
    if (!echo) return;
    echo.querySelector("[data-thought-text]").textContent = text;
    echo.hidden = !text.trim();
  }

  // --- one-tap mood and skill goals: the pressed button is gone after the swap,
  // so focus goes to the words that say what happened.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target || (target.id !== "skill-goals" && target.id !== "quick-mood")) return;
    var notice = target.querySelector("[role='status']");
    if (notice) {
      notice.setAttribute("tabindex", "-1");
      notice.focus();
    }
  });
})();
