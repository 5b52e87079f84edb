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

cpSync(join(modules, "govuk-frontend/dist/govuk/govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(modules, "@ministryofjustice/frontend/moj/moj-frontend.min.js"), join(out, "moj-frontend.min.js"));
cpSync(join(modules, "govuk-frontend/dist/govuk/assets/images/favicon.ico"), join(out, "images/favicon.ico"));
cpSync(join(modules, "@ministryofjustice/frontend/moj/assets/images"), join(out, "images"), { recursive: true });
const autocomplete = join(modules, "accessible-autocomplete/dist");
cpSync(join(autocomplete, "accessible-autocomplete.min.js"), join(out, "accessible-autocomplete.min.js"));
cpSync(join(autocomplete, "accessible-autocomplete.min.css"), join(out, "accessible-autocomplete.min.css"));
// Our own modules, served as they are (app.mjs imports the others).
for (const name of readdirSync(join(here, "js")).filter((file) => file.endsWith(".mjs"))) {
  cpSync(join(here, "js", name), join(out, name));
}
console.log(`Built ${out}`);
