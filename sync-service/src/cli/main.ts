// Each command's module is imported when that command runs: the service (Prisma, PGlite, express) takes
// seconds to load through tsx, and `firewatch jql check` or `postmortem render` need none of it.
import { ConfigError, loadConfig, type Config } from "../config.ts";
import { AppError } from "../domain/errors.ts";

const USAGE = `usage: firewatch <command>

commands:
  start         run the Firewatch service (same as npm start)
  demo          run the sandbox: Firewatch with local stand-ins of Jira, Confluence, Slack, Statuspage,
                Twilio and e-mail, on PGlite (same as npm run demo; docs/sandbox.md)
  jira check    verify the configured Jira site, credentials, permissions and each service's project
  jql check --jql '<JQL>' --issue <file.json> [--time-zone <zone>] [--now <instant>] [--priorities a,b,…]
                evaluate JQL against one issue: exit 0 match, 1 no match, 2 invalid input, 3 needs Jira
  oncall who --schedule <file.json> --at <ISO-8601 instant>
                print the user ids on call at that instant, one per line
  postmortem render <incident key> --format adf|storage|markdown
                print the postmortem body Firewatch would write to Confluence (asks the running service)`;

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

/**
 * Runs a command that opens the embedded database or listens: a refusal the user can act on (an AppError,
 * such as the data directory held by a running Firewatch or a port in use) is one line and exit code 1.
 */
async function refusing(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`firewatch: ${error.message}`);
    return 1;
  }
}

async function start(): Promise<number> {
  const loaded = config();
  if (!loaded) return 2;
  const { startService } = await import("../server.ts");
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
      return refusing(start);
    case "jira": {
      if (argv[1] !== "check") break;
      const loaded = config();
      const { jiraCheck } = await import("./jira-check.ts");
      return loaded ? refusing(() => jiraCheck(loaded, (line) => console.log(line))) : 2;
    }
    case "jql": {
      if (argv[1] !== "check") break;
      const { jqlCheck } = await import("./jql-check.ts");
      return jqlCheck(
        options(argv.slice(2)),
        (l) => console.error(l),
        (l) => console.log(l),
      );
    }
    case "oncall": {
      if (argv[1] !== "who") break;
      const { schedule, at } = options(argv.slice(2));
      if (!schedule || !at) {
        console.error("usage: firewatch oncall who --schedule <file.json> --at <ISO-8601 instant>");
        return 2;
      }
      const { oncallWho } = await import("./oncall-who.ts");
      return oncallWho(
        { scheduleFile: schedule, at },
        (l) => console.log(l),
        (l) => console.error(l),
      );
    }
    case "postmortem": {
      if (argv[1] !== "render") break;
      const loaded = config();
      if (!loaded) return 2;
      const key = argv[2]?.startsWith("--") ? undefined : argv[2];
      const { postmortemRender } = await import("./postmortem-render.ts");
      return postmortemRender(
        loaded,
        { key, format: options(argv.slice(key ? 3 : 2)).format },
        (t) => process.stdout.write(t),
        (l) => console.error(l),
      );
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

/** `--name value` pairs → { name: value } with camelCase names (`--time-zone` → timeZone). */
function options(args: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]!);
    if (!flag) continue;
    const name = flag[1]!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    result[name] = flag[2] ?? args[++i] ?? "";
  }
  return result;
}
