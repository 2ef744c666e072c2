import { ConfigError, loadConfig } from "../config.ts";
import { startService } from "../server.ts";

const USAGE = `usage: firewatch <command>

commands:
  start    run the Firewatch service (same as npm start)`;

async function start(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`firewatch: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const service = await startService(config);
  await new Promise<void>((resolve) => {
    const shutdown = () => {
      process.off("SIGTERM", shutdown);
      process.off("SIGINT", shutdown);
      void service.stop().then(resolve);
    };
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
  });
  return 0;
}

/** Entry of the `firewatch` command. @returns the process exit code */
export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case "start":
      return start();
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`firewatch: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}
