// Every route an express app serves, found by walking its router stack, so a test that must cover every
// route (tenant isolation, log redaction, the route fuzzer) covers one added later without being told.
import type { Express } from "express";

/** Every route of the app, as "METHOD /path" with express parameters (`/api/incidents/:ref`). */
export function routesOf(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.push(`${method.toUpperCase()} ${(prefix + layer.route.path).replace(/(.)\/$/, "$1")}`);
      } else if (layer.handle?.stack) {
        walk(
          layer.handle.stack,
          prefix + (typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : ""),
        );
      }
    }
  };
  walk((app as any).router.stack, "");
  return out;
}
