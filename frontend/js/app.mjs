// Progressive enhancement only: every page works without this file.
import { initAll as initGovUk } from "./govuk-frontend.min.js";
import { initAll as initMoj } from "./moj-frontend.min.js";
import { enhanceFilters } from "./filters.mjs";
import { enhanceSearchBoxes } from "./search-suggestions.mjs";
import { keepRadiosValid, untickHiddenKinds } from "./reveals.mjs";

document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
initGovUk();
initMoj();
enhanceFilters();
enhanceSearchBoxes();
keepRadiosValid();
untickHiddenKinds();
