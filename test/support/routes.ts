// The routes an express app has, found by walking its router, so a test that must reach every route
// cannot leave a new one out.
import type { Express } from "express";

/** Every route of the app, as "METHOD /path" with express parameters (`/api/services/:id`). */
export function routesOf(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${(prefix + layer.route.path).replace(/(.)\/$/, "$1")}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : ""));
      }
    }
  };
  walk((app as any).router.stack, "");
  return out;
}
