// The work-search record's "Print or save as PDF" button: shown only where
// scripts run (without them, the browser's own Print does the same).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
