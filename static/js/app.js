// Small behaviours the pages share. Everything works without this file;
// it only makes things smoother. No inline handlers: the CSP forbids them.
"use strict";

(function () {
  document.documentElement.classList.add("js");

  function onReady(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  // Dismissible notices.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-dismiss]");
    if (button) {
      var notice = button.closest(".notice");
      if (notice) notice.remove();
    }
  });

  // Error summary: move focus to it, and make its links focus the field.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    var holder = target.closest(".field") || target;
    holder.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });

  // Sign-up: offer the browser's own time zone.
  function fillTimeZone() {
    var input = document.querySelector("input[name='time_zone'][type='hidden']");
    if (input && !input.value && window.Intl) {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    }
  }

  // "Undo" after marking something done is offered for a few seconds, then
  // steps aside — but never while the person is on it.
  function startUndoWindows(root) {
    root.querySelectorAll("[data-undo-window]:not([data-undo-started])").forEach(function (form) {
      form.setAttribute("data-undo-started", "");
      var seconds = parseInt(form.getAttribute("data-undo-window"), 10) || 10;
      function hideWhenIdle() {
        if (form.contains(document.activeElement) || form.matches(":hover")) {
          form.addEventListener("focusout", hideWhenIdle, { once: true });
          form.addEventListener("mouseleave", hideWhenIdle, { once: true });
          return;
        }
        form.hidden = true;
      }
      window.setTimeout(hideWhenIdle, seconds * 1000);
    });
  }

  // The rejection details only matter when the new status is "rejected".
  function toggleRejectionDetails(root) {
    root.querySelectorAll("[data-status-form]").forEach(function (form) {
      var select = form.querySelector("select[name='status']");
      var details = form.querySelector("[data-rejection-details]");
      if (!select || !details) return;
      var update = function () { details.hidden = select.value !== "rejected"; };
      if (!form.hasAttribute("data-toggle-ready")) {
        form.setAttribute("data-toggle-ready", "");
        select.addEventListener("change", update);
      }
      update();
    });
  }

  // --- unsaved words: leaving a page with unsaved typing asks first ------------
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

  // --- autosave bookkeeping -------------------------------------------------------
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
    } else if (status && trigger.indexOf("draftProblem") === -1) {
      // A lost connection, or a log-in that ran out (the answer is then the log-in page).
      // (With "draftProblem" the server has already said what to fix.)
      status.textContent =
        "Not saved just now. Check that you are still logged in and connected — " +
        "what you typed is still on this page.";
      status.classList.add("save-status--problem");
    }
  });

  // The session ended while the page was open (see jobsearch.middleware):
  // nothing on the page is lost; say so, and offer to log in again.
  document.body.addEventListener("loggedOut", function (event) {
    var notices = document.getElementById("notices");
    if (!notices || notices.querySelector("[data-logged-out]")) return;
    var notice = document.createElement("div");
    notice.className = "notice notice--warning";
    notice.setAttribute("data-logged-out", "");
    notice.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = "You have been logged out, so that last change was not saved. " +
      "Everything on this page is still here. ";
    var link = document.createElement("a");
    link.href = (event.detail && event.detail.login) || "/login/";
    link.textContent = "Log in again";
    text.appendChild(link);
    notice.appendChild(text);
    notices.prepend(notice);
    notices.scrollIntoView({ block: "start" });
  });

  function enhance(root) {
    startUndoWindows(root);
    toggleRejectionDetails(root);
  }

  onReady(function () {
    focusErrorSummary(document);
    fillTimeZone();
    enhance(document);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.detail.target);
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
  });
})();
