// Journal pages: the reflection's step-by-step view, autosave feedback, a
// warning before leaving unsaved words, and the automatic thought kept in
// view while writing the reframe. Every form works without this file.
// No inline handlers or eval: the CSP forbids them.
"use strict";

(function () {
  // Loaded without `defer`, so the reflection shows one step at a time from
  // the first paint instead of flashing the long form.
  document.documentElement.classList.add("js");

  // --- unsaved words ----------------------------------------------------------
  // Each watched form counts changes; a change is safe once the server has
  // confirmed saving it (autosave) or the form is being submitted.
  var states = new WeakMap();

  function stateOf(form) {
    var state = states.get(form);
    if (!state) {
      state = { changes: 0, saved: 0, sending: 0, submitting: false };
      states.set(form, state);
    }
    return state;
  }

  function watchedForm(element) {
    var form = element && (element.form || (element.closest && element.closest("form")));
    return form && form.hasAttribute("data-warn-unsaved") ? form : null;
  }

  document.addEventListener("input", function (event) {
    var form = watchedForm(event.target);
    if (!form) return;
    stateOf(form).changes += 1;
    if (event.target.name === "automatic_thought") showThought(form, event.target.value);
  });

  document.addEventListener("submit", function (event) {
    var form = watchedForm(event.target);
    if (form) stateOf(form).submitting = true;
  });

  // Coming back with the browser's back button: the page is live again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
      stateOf(form).submitting = false;
    });
  });

  window.addEventListener("beforeunload", function (event) {
    var forms = document.querySelectorAll("form[data-warn-unsaved]");
    for (var i = 0; i < forms.length; i++) {
      var state = stateOf(forms[i]);
      if (!state.submitting && state.changes > state.saved) {
        event.preventDefault();
        event.returnValue = "";
        return "";
      }
    }
  });

  // --- autosave ---------------------------------------------------------------
  // htmx posts the reflection a couple of seconds after typing stops
  // (hx-trigger on the form) and on every step change; the server answers
  // with a "draftSaved" event when the words are safe.
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosave]");
    // Saving or leaving for good: a late autosave must not race it.
    if (form && stateOf(form).submitting) event.preventDefault();
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
    if (!form) return;
    var state = stateOf(form);
    state.sending = state.changes;
    event.detail.xhr.journalForm = form;
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var form = xhr && xhr.journalForm;
    if (!form) return;
    var trigger = xhr.getResponseHeader("HX-Trigger") || "";
    var state = stateOf(form);
    var status = document.getElementById("save-status");
    if (event.detail.successful && trigger.indexOf("draftSaved") !== -1) {
      state.saved = Math.max(state.saved, state.sending);
      if (status) status.classList.remove("save-status--problem");
    } else if (status) {
      // A lost connection, or a log-in that ran out (the answer is then the log-in page).
      status.textContent =
        "Not saved just now. Check that you are still logged in and connected — " +
        "what you typed is still on this page.";
      status.classList.add("save-status--problem");
    }
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
