// The feedback composer: copy the email to the clipboard, and keep the
// "Open in mail app" link in step with what is typed. The page works without
// this file (the link is built on the server). No inline handlers or eval:
// the CSP forbids them.
"use strict";

(function () {
  var LONG_LINK = 1800; // as tracker.feedback.emails.MAILTO_COMFORTABLE_LENGTH

  function field(form, name) {
    var element = form.querySelector("[name='" + name + "']");
    return element ? element.value : "";
  }

  // As Python's urllib.parse.quote(text, safe=""): every byte but A–Z a–z 0–9 _ . - ~.
  function encode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  // RFC 6068, as tracker.feedback.emails.mailto builds it: line breaks travel as CRLF.
  function mailto(to, subject, body) {
    var crlf = function (text) { return text.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n"); };
    var query = [];
    if (subject) query.push("subject=" + encode(crlf(subject)));
    if (body) query.push("body=" + encode(crlf(body)));
    return "mailto:" + encode(to.trim()).replace(/%40/g, "@") + (query.length ? "?" + query.join("&") : "");
  }

  function refresh(form) {
    var link = form.querySelector("[data-mailto]");
    if (!link) return;
    var href = mailto(field(form, "to_email"), field(form, "subject"), field(form, "body"));
    link.setAttribute("href", href);
    var note = form.querySelector("[data-long-mail]");
    if (note) note.hidden = href.length <= LONG_LINK;
  }

  function say(form, text, problem) {
    var status = form.querySelector("[data-copy-status]");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("field__error", !!problem);
  }

  function copyText(form) {
    var subject = field(form, "subject");
    var body = field(form, "body");
    return subject ? subject + "\n\n" + body : body;
  }

  // Where the Clipboard API is missing, copy through a selected, hidden text area.
  function copyByHand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    area.remove();
    return done;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var form = button.closest("form");
    var text = copyText(form);
    var copied = function () {
      say(form, "Copied the subject and message. Paste them into a new email in your mail app.");
    };
    var failed = function () {
      say(form, "We could not copy it here. Select the message, copy it, and paste it into your mail app.", true);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(copied, function () {
        if (copyByHand(text)) { copied(); } else { failed(); }
      });
    } else if (copyByHand(text)) {
      copied();
    } else {
      failed();
    }
  });

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-compose]");
    if (!form) return;
    refresh(form);
    say(form, "");
  });

  // A chosen contact brings their address with them, when the address box is empty
  // or still holds the previous contact's address.
  function emailOf(select) {
    var option = select.options[select.selectedIndex];
    return (option && option.getAttribute("data-email")) || "";
  }

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.name !== "contact" || !select.form || !select.form.hasAttribute("data-compose")) return;
    var address = select.form.querySelector("[name='to_email']");
    var previous = select.getAttribute("data-previous-email") || "";
    if (address && (!address.value || address.value === previous)) {
      address.value = emailOf(select);
      refresh(select.form);
    }
    select.setAttribute("data-previous-email", emailOf(select));
  });

  function start() {
    document.querySelectorAll("form[data-compose]").forEach(function (form) {
      form.querySelectorAll("[data-copy]").forEach(function (button) { button.hidden = false; });
      var select = form.querySelector("select[name='contact']");
      if (select) select.setAttribute("data-previous-email", emailOf(select));
      refresh(form);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
