// Builds the site's CSS and JavaScript into ../static/dist (served by Django's staticfiles).
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static", "dist");
const modules = join(here, "node_modules");
mkdirSync(out, { recursive: true });

const css = sass.compile(join(here, "scss", "main.scss"), {
  loadPaths: [here, modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
  // GOV.UK Frontend warns about deprecations inside MOJ Frontend's own code: not ours to fix.
  logger: {
    warn(message, options) {
      if (!options.deprecation && !/is deprecated/.test(message)) console.warn(message);
    },
  },
});
writeFileSync(join(out, "main.css"), css.css);

// Each library's file with the source map it names: production's static files storage
// (whitenoise's manifest) refuses to collect a file that points at a file that is not there.
const copyWithMap = (from, name) => {
  cpSync(join(from, name), join(out, name));
  cpSync(join(from, `${name}.map`), join(out, `${name}.map`));
};
copyWithMap(join(modules, "govuk-frontend/dist/govuk"), "govuk-frontend.min.js");
copyWithMap(join(modules, "@ministryofjustice/frontend/moj"), "moj-frontend.min.js");
const autocomplete = join(modules, "accessible-autocomplete/dist");
copyWithMap(autocomplete, "accessible-autocomplete.min.js");
copyWithMap(autocomplete, "accessible-autocomplete.min.css");
// Images main.css refers to (the crest in the header) and the favicon.
const govukImages = join(modules, "govuk-frontend/dist/govuk/assets/images");
for (const name of ["favicon.ico", "govuk-crest.svg"]) {
  cpSync(join(govukImages, name), join(out, "images", name));
}
cpSync(join(modules, "@ministryofjustice/frontend/moj/assets/images"), join(out, "images"), { recursive: true });
// Our own modules, served as they are (app.mjs imports the others).
for (const name of readdirSync(join(here, "js")).filter((file) => file.endsWith(".mjs"))) {
  cpSync(join(here, "js", name), join(out, name));
}
console.log(`Built ${out}`);
