// Builds the web console (forge-app/ui/console) into its dist/ folder; run by `npm install` (postinstall)
// so that `npm start` serves it with no extra step. An install without dev dependencies has no Vite: the
// service then answers `/` with how to build it, and everything else works.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
try {
  require.resolve("vite");
} catch {
  console.warn("firewatch: Vite is not installed (production install?); the web console is not built.");
  process.exit(0);
}
const { build } = await import("vite");
const started = Date.now();
await build({ configFile: fileURLToPath(new URL("../forge-app/ui/console/vite.config.ts", import.meta.url)) });
console.log(`firewatch: web console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
