import { ConfigError, loadConfig, type Config } from "../config.ts";
import { jiraCheck } from "./jira-check.ts";
import { startService } from "../server.ts";

const USAGE = `usage: firewatch <command>

commands:
  start         run the Firewatch service (same as npm start)
  jira check    verify the configured Jira site, credentials, permissions and each service's project`;

function config(): Config | null {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`firewatch: ${error.message}`);
      return null;
    }
    throw error;
  }
}

async function start(): Promise<number> {
  const loaded = config();
  if (!loaded) return 2;
  const service = await startService(loaded);
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
    case "jira": {
      if (argv[1] !== "check") break;
      const loaded = config();
      return loaded ? jiraCheck(loaded, (line) => console.log(line)) : 2;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
  }
  console.error(`firewatch: unknown command ${JSON.stringify(argv.join(" "))}\n${USAGE}`);
  return 2;
}
