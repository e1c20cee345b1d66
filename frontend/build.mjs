// Builds the static files Fairhear serves: our Sass on top of govuk-frontend, and
// govuk-frontend's JavaScript, copied into src/fairhear/static/build (not committed).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "fairhear", "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "images"), { recursive: true });

const css = sass.compile(join(root, "frontend", "scss", "fairhear.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  // govuk-frontend's own deprecation notices are for its maintainers, not us.
  quietDeps: true,
});
writeFileSync(join(out, "fairhear.css"), css.css);

copyFileSync(join(govuk, "all.bundle.js"), join(out, "govuk-frontend.bundle.js"));
for (const file of ["fairhear.js", "js-enabled.js"]) {
  copyFileSync(join(root, "frontend", "js", file), join(out, file));
}
copyFileSync(join(root, "frontend", "images", "favicon.svg"), join(out, "images", "favicon.svg"));
console.log(`Built front-end assets into ${out}`);
