// Runs `firewatch start` (what `npm start` runs) as a real child process, for crash and restart tests.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestDatabaseKind } from "./databases.ts";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServiceProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  readonly readyAfterMs: number;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Spawns the service and resolves once /healthz answers 200; rejects with its output if it exits first. */
export async function spawnService(env: Record<string, string>, timeoutMs = 60_000): Promise<ServiceProcess> {
  const started = Date.now();
  // BENCH_CPU_PROFILE_DIR: the service writes a V8 CPU profile there when it exits (bench/README.md, "Profiling").
  const profile = process.env.BENCH_CPU_PROFILE_DIR;
  const flags = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, path.join(root, "bin/firewatch.mjs"), "start"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`service did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)","msg":"Firewatch is listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before it was ready:\n${output}`));
    });
  });
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    readyAfterMs: Date.now() - started,
    kill: (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}

export interface FinishedCommand {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `firewatch <args>` to its end (a start that is refused, a CLI command), with `env` only. */
export function runFirewatch(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<FinishedCommand> {
  const child = spawn(process.execPath, [path.join(root, "bin/firewatch.mjs"), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`firewatch ${args.join(" ")} did not end in ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    // "close", not "exit": the output is all read by then.
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A JSON client of a running service's API with a bearer token: `(method, path, body?) → parsed JSON`. */
export function jsonApi(baseUrl: string, token: string) {
  return async (method: string, path: string, json?: unknown): Promise<any> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return res.json();
  };
}

export const E2E_TOKEN = "e2e-admin-token-0123456789";

/**
 * The environment of a spawned service with its own data: a temporary FIREWATCH_DATA_DIR (PGlite on
 * disk) or a fresh PostgreSQL database. What it creates is undone by the returned cleanups.
 */
export async function e2eEnvironment(
  kind: TestDatabaseKind,
  cleanups: (() => Promise<unknown>)[],
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-e2e-"));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = { FIREWATCH_DATA_DIR: dataDir, FIREWATCH_ADMIN_TOKEN: E2E_TOKEN, ...extra };
  if (kind.name === "postgres") {
    const { target, drop } = await kind.create();
    cleanups.push(drop);
    if (target.kind === "postgres") env.DATABASE_URL = target.url;
  }
  return env;
}
