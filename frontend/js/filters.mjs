// The directory's filters as MOJ Frontend's filter pattern: on a small screen the results come
// first and a "Show filters" button opens the panel over them (closed again with its Close
// button, or Escape); on a wide screen the panel stays beside the results.
//
// Without JavaScript the options sit in a closed "Filter results" details: here they come out
// of it, since the panel itself now opens and closes. MOJ Frontend's initAll does not start
// the FilterToggleButton: it is started here, configured by the panel's data attributes.
import { createAll } from "./govuk-frontend.min.js";
import { FilterToggleButton } from "./moj-frontend.min.js";

function openDetails(panel) {
  for (const details of panel.querySelectorAll("details[data-cg-filter-details]")) {
    const content = details.querySelector(".govuk-details__text");
    details.replaceWith(...content.children);
  }
}

function closeOnEscape(panel) {
  panel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const close = panel.querySelector(".moj-filter__close");
    if (close) close.click();
  });
}

export function enhanceFilters() {
  const panels = document.querySelectorAll('[data-module="moj-filter"]');
  for (const panel of panels) {
    openDetails(panel);
    closeOnEscape(panel);
  }
  if (panels.length) createAll(FilterToggleButton);
}
