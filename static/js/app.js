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

  onReady(function () {
    focusErrorSummary(document);
    fillTimeZone();
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.detail.target);
  });
})();
