// The shortlist's print view: a "Print this list" button that opens the browser's print
// dialogue. Without JavaScript the button stays hidden and the page says how to print.
// Loaded by templates/directory/shortlist/print.html; safe to import more than once.

export function enhancePrintButtons(root = document) {
  for (const button of root.querySelectorAll("[data-cg-print]:not([data-cg-print-ready])")) {
    button.setAttribute("data-cg-print-ready", "");
    button.addEventListener("click", () => window.print());
    button.hidden = false;
  }
  for (const hint of root.querySelectorAll("[data-cg-print-hint]")) {
    hint.hidden = true;
  }
}

enhancePrintButtons();
