// Conditional reveals (GOV.UK radios and checkboxes that show a follow-up question), as
// templates/components/choice.html and category_areas.html write them. Without JavaScript
// every follow-up question is shown.

// GOV.UK Frontend marks a radio that reveals a question with aria-expanded, which ARIA does not
// allow on a radio (govuk-frontend issue 979; axe-core reports it). The revealed question
// follows its radio and aria-controls still ties them, so the state is taken off again each
// time GOV.UK Frontend sets it: after it starts, after each click and when a page is restored.
export function keepRadiosValid() {
  const tidy = () => {
    for (const radio of document.querySelectorAll('input[type="radio"][aria-expanded]')) {
      radio.removeAttribute("aria-expanded");
    }
  };
  tidy();
  document.addEventListener("click", tidy);
  window.addEventListener("pageshow", tidy);
}

// Unticking an area of support unticks the kinds of support it had revealed, so answers the
// person can no longer see are not sent.
export function untickHiddenKinds() {
  document.addEventListener("change", (event) => {
    const area = event.target;
    if (!(area instanceof HTMLInputElement) || area.checked) return;
    if (!area.hasAttribute("data-cg-untick-revealed")) return;
    const panelId = area.getAttribute("aria-controls") || area.getAttribute("data-aria-controls");
    const panel = panelId && document.getElementById(panelId);
    if (!panel) return;
    for (const kind of panel.querySelectorAll("input[type=checkbox]")) kind.checked = false;
  });
}
