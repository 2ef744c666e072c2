// The console's build: one static bundle with relative asset URLs, so the same files are served by the
// sync service at `/` and uploaded as the Forge app's Custom UI resource (which is served from a CDN path).
// The service makes index.html's asset URLs absolute as it serves it (sync-service/src/web/console.ts), so a
// deep path such as /incidents/INC-42 loads the same bundle.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500, sourcemap: true },
  logLevel: "warn",
});
