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

  // Leaving a page with unsaved typing asks first.
  var dirtyForms = new Set();
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-warn-unsaved]");
    if (form) dirtyForms.add(form);
  });
  document.addEventListener("submit", function (event) {
    dirtyForms.delete(event.target);
  });
  window.addEventListener("beforeunload", function (event) {
    dirtyForms.forEach(function (form) { if (!document.contains(form)) dirtyForms.delete(form); });
    if (dirtyForms.size) {
      event.preventDefault();
      event.returnValue = "";
    }
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
