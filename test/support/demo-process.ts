// Runs `npm run demo` as a real child process, the way a newcomer does, for the sandbox's end-to-end tests.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { READY_LINE } from "../../sandbox/notices.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface DemoProcess {
  /** The console's URL as the demo printed it (without the trailing slash). */
  readonly url: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the ready line. */
  readonly readyAfterMs: number;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /**
   * Ctrl-C in a terminal: SIGINT to the whole process group (npm, its shell and the demo).
   * @returns how npm ended (npm itself dies of the SIGINT, as in a terminal; the demo under it stops cleanly, which
   * its last line says) and everything printed
   */
  interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** Spawns `npm run demo` with `env` on top of this process's environment; resolves once it prints the ready line. */
export async function spawnDemo(env: Record<string, string>, timeoutMs = 120_000): Promise<DemoProcess> {
  const started = Date.now();
  const child = spawn("npm", ["run", "demo"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so interrupt() reaches npm and the demo as a terminal's Ctrl-C does.
    detached: true,
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      reject(new Error(`npm run demo was not ready in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const console = /Console:\s+(http:\/\/\S+?)\/?\n/.exec(output);
      // The whole block is printed: the ready line, the URLs, and the last line saying how to stop.
      if (output.includes(READY_LINE) && console && output.includes("Ctrl-C to stop.")) {
        clearTimeout(timer);
        resolve(console[1]!);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`npm run demo exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url,
    child,
    readyAfterMs: Date.now() - started,
    output: () => output,
    async interrupt() {
      process.kill(-child.pid!, "SIGINT");
      return { ...(await exited), output };
    },
  };
}
