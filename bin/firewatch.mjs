#!/usr/bin/env node
// The `firewatch` command. TypeScript sources run through tsx, so there is no build step.
import { register } from "tsx/esm/api";

register();
const argv = process.argv.slice(2);
if (argv[0] === "demo") {
  // The sandbox lives outside the service (sandbox/): it starts the stand-ins and the service around them.
  const { demo } = await import("../sandbox/demo.ts");
  process.exitCode = await demo();
} else {
  const { main } = await import("../sync-service/src/cli/main.ts");
  process.exitCode = await main(argv);
}
