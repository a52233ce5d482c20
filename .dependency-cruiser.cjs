// @ts-check
// The folders of src/ in layers, bottom first: a folder imports from its own files and from the
// folders of the layers below it, never from its own layer or above, so no two folders can depend
// on each other. `npm run lint` runs this (depcruise); CONTRIBUTING.md says what each folder holds.
// @see https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
const LAYERS = [
  ["errors", "files", "security", "types"],
  ["config"],
  ["registry"],
  ["content"],
  ["collections"],
  ["images", "tagging", "search", "portable", "output"],
  ["templates"],
  ["feeds"],
  ["seo"],
  ["layout"],
  ["pages"],
  ["render"],
  ["cache"],
  ["eleventy"],
  ["build"],
  ["check", "dev", "serve", "import"],
];

/** The browser's scripts, bundled apart (src/browser/tsconfig.json), share only these types. */
const BROWSER_SHARED = ["search/bundle-info\\.ts", "search/offline-manifest\\.ts"];

const FOLDERS = LAYERS.flat();
const any = (names) => `(?:${names.join("|")})`;

/** @type {import("dependency-cruiser").IForbiddenRuleType[]} */
const layerRules = LAYERS.flatMap((layer, i) => {
  const below = LAYERS.slice(0, i).flat();
  return layer.map((folder) => ({
    name: `layer-${folder}`,
    comment: `src/${folder}/ may import only from itself and the layers below it (${below.join(", ") || "none"}): see LAYERS in .dependency-cruiser.cjs.`,
    severity: "error",
    from: { path: `^src/${folder}/` },
    to: { path: "^src/[^/]+/", pathNot: `^src/${any([folder, ...below])}/` },
  }));
});

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "folder-not-in-layers",
      comment:
        "Every folder of src/ has its place in LAYERS (.dependency-cruiser.cjs) and a line in CONTRIBUTING.md.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^src/", pathNot: [`^src/${any([...FOLDERS, "browser"])}/`] },
    },
    {
      name: "folder-not-in-layers-importing",
      comment:
        "Every folder of src/ has its place in LAYERS (.dependency-cruiser.cjs) and a line in CONTRIBUTING.md.",
      severity: "error",
      from: { path: "^src/", pathNot: [`^src/${any([...FOLDERS, "browser"])}/`] },
      to: {},
    },
    {
      name: "browser-apart",
      comment: `src/browser/ runs in the browser and is bundled on its own: it imports only its own files and ${BROWSER_SHARED.join(", ")}.`,
      severity: "error",
      from: { path: "^src/browser/" },
      to: { path: "^src/", pathNot: [`^src/browser/`, `^src/${any(BROWSER_SHARED)}$`] },
    },
    {
      name: "no-entry-points-below",
      comment:
        "src/ never imports the entry points (scripts/, eleventy.config.ts) or the tests: they import src/.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(?:scripts/|tests/|eleventy\\.config\\.ts$)" },
    },
    {
      name: "no-circular",
      comment: "Modules that import each other, directly or through others.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a loop through types is a loop.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^src/types/" },
  },
};
