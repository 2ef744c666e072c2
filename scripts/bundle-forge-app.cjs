// Bundles the Forge app with Forge's own bundler (@forge/bundler, what `forge deploy` runs before it
// uploads), offline: the resolver function (manifest `handler: index.handler` → src/index.ts) and each UI
// Kit resource. `forge deploy` itself needs a login; this proves the code it would bundle bundles, and
// that each UI Kit bundle holds exactly one React — the kit's 18.x, not the console's 19. Run by
// `npm run build` and CI. The runtime wrapper Forge adds to the upload comes from Atlassian's CDN at
// deploy time; a placeholder stands in for it, as it is not part of the app's code.
// CommonJS on purpose: the bundler finds its loaders through `require.main`, which an ES module entry lacks.
const fs = require("node:fs");
const path = require("node:path");
const { parse } = require("yaml");
const bundler = require("@forge/bundler");

const root = path.resolve(__dirname, "..");
const manifest = parse(fs.readFileSync(path.join(root, "manifest.yml"), "utf8"));
const quiet = {
  info: () => {},
  warn: (m) => console.warn(m),
  debug: () => {},
  trace: () => {},
  error: (m) => console.error(m),
};
const placeholderRuntime = {
  getNodeRuntimeWrapper: async () => ({
    script: "// Forge runtime wrapper, fetched at deploy time",
    source: "placeholder",
    version: "local",
  }),
  getNodeRuntimeLoader: async () => ({
    script: "// Forge runtime loader, fetched at deploy time",
    source: "placeholder",
    version: "local",
  }),
};

/** @returns {{ name: string, files: string[], bytes: number, react: string }} */
function describe(name, dir, react = "—") {
  const files = fs.readdirSync(dir).filter((f) => !f.endsWith(".map"));
  const bytes = files.reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  return { name, files, bytes, react };
}

/** The React copies a UI Kit bundle was built from, by its source maps. @throws when it is not one React 18 from the kit */
function reactOf(dir) {
  const sources = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js.map"))
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).sources);
  const reacts = new Set(sources.map((s) => /(.*node_modules\/react)\//.exec(s)?.[1]).filter(Boolean));
  if (reacts.size !== 1 || ![...reacts][0].includes("forge-app/ui/kit/node_modules/react")) {
    throw new Error(`expected exactly the kit's React in the bundle, found: ${[...reacts].join(", ") || "none"}`);
  }
  const version = JSON.parse(
    fs.readFileSync(path.join(root, "forge-app/ui/kit/node_modules/react/package.json"), "utf8"),
  ).version;
  if (!version.startsWith("18.")) throw new Error(`@forge/react 12 renders with React 18; the kit has ${version}`);
  return version;
}

async function main() {
  const bundles = [];
  const handlers = manifest.modules.function.map((f) => ({ module: f.handler.split(".")[0] }));
  const entryPoints = bundler.getEntryPoints(handlers).map((e) => ({ ...e, path: path.join(root, "src", e.name) }));
  const node = bundler.getNodeBundler(quiet, placeholderRuntime, { readConfig: async () => manifest });
  const fn = await node.bundle({ appDirectory: root, entryPoints });
  bundles.push(describe(`function ${handlers.map((h) => h.module).join(", ")}`, fn.outputDir));

  const native = new bundler.NativeUIBundler(quiet);
  for (const resource of manifest.resources) {
    if (!/\.(tsx|jsx|ts|js)$/.test(resource.path)) continue; // Custom UI folders are uploaded as built
    const result = await native.bundleResources([
      { key: resource.key, path: path.join(root, resource.path), resourceType: "nativeUI" },
    ]);
    const dir = result.nativeUiBundlesDetails[0].path;
    bundles.push(describe(`UI Kit ${resource.key}`, dir, reactOf(dir)));
  }
  console.log("| Forge bundle | files | bytes | React |\n|---|---|---:|---|");
  for (const b of bundles)
    console.log(`| ${b.name} | ${b.files.join(", ")} | ${b.bytes.toLocaleString("en-US")} | ${b.react} |`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Forge bundling failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
