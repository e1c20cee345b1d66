// Builds the static files Fairhear serves: our Sass on top of govuk-frontend, and
// govuk-frontend's JavaScript, copied into src/fairhear/static/build (not committed).
//
// Production serves these through Django's manifest storage, which stops on any file a
// stylesheet or script names but the build left out. So every asset the compiled CSS names is
// copied here from govuk-frontend, and the build fails if one cannot be found.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
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

// Each relative url() in the stylesheet, e.g. "images/govuk-crest.svg", from govuk-frontend's
// assets folder (the Sass sets $govuk-assets-path to "", so paths are relative to the CSS).
const referenced = new Set();
for (const match of css.css.matchAll(/url\(\s*["']?([^"')]+?)["']?\s*\)/g)) {
  const path = match[1].split(/[?#]/)[0];
  if (!/^(data:|[a-z]+:|\/|#)/i.test(path)) referenced.add(normalize(path));
}
for (const path of referenced) {
  const source = join(govuk, "assets", path);
  if (!existsSync(source)) {
    throw new Error(`fairhear.css refers to ${path}, which is not in ${join(govuk, "assets")}`);
  }
  mkdirSync(dirname(join(out, path)), { recursive: true });
  copyFileSync(source, join(out, path));
}

// govuk-frontend's bundle names a source map of its own sources; we ship neither, so the
// reference goes (the manifest storage would otherwise look for the map).
const bundle = readFileSync(join(govuk, "all.bundle.js"), "utf8");
writeFileSync(
  join(out, "govuk-frontend.bundle.js"),
  bundle.replace(/^\/\/# sourceMappingURL=.*$/gm, ""),
);
for (const file of ["fairhear.js", "js-enabled.js", "refresh.js", "webauthn.js"]) {
  copyFileSync(join(root, "frontend", "js", file), join(out, file));
}
copyFileSync(join(root, "frontend", "images", "favicon.svg"), join(out, "images", "favicon.svg"));
console.log(`Built front-end assets into ${out}`);
