// `firewatch jira check` against the Jira emulator: the real command in a child process.
// Permissions endpoint: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/
import { DEFAULT_CRISIS } from "../../sync-service/src/domain/crisis.ts";
import { DEFAULT_CONVERSATION } from "../../sync-service/src/domain/conversation.ts";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRepository } from "../../sync-service/src/adapters/persistence/access-repository.ts";
import { openDatabase } from "../../sync-service/src/adapters/persistence/database.ts";
import { prismaUnitOfWork } from "../../sync-service/src/adapters/persistence/unit-of-work.ts";
import { DEFAULT_TICKET_DEFAULTS } from "../../sync-service/src/domain/service.ts";
import { JiraEmulator } from "../../stand-ins/jira/index.ts";

const bin = path.resolve(import.meta.dirname, "../../bin/firewatch.mjs");

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("firewatch jira check", () => {
  const jira = new JiraEmulator();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-jira-check-"));
  let env: Record<string, string>;

  beforeAll(async () => {
    const url = await jira.start();
    env = {
      FIREWATCH_DATA_DIR: dataDir,
      JIRA_BASE_URL: url,
      JIRA_EMAIL: jira.email,
      JIRA_API_TOKEN: jira.apiToken,
      JIRA_WEBHOOK_SECRET: "s".repeat(20),
    };
    const db = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    const tenantId = await accessRepository(db.prisma).ensureDefaultTenant();
    await prismaUnitOfWork(db.prisma, { jobsEnqueued() {} }).run(async (tx) => {
      const base = {
        tenantId,
        description: "",
        defaultSeverity: "SEV3" as const,
        escalationPolicyId: null,
        conversation: DEFAULT_CONVERSATION,
        crisis: DEFAULT_CRISIS,
      };
      await tx.services.insert({
        ...base,
        id: crypto.randomUUID(),
        name: "ci",
        integrationKey: "a".repeat(32),
        tickets: { ...DEFAULT_TICKET_DEFAULTS, projectKey: "CI", issueType: "Bug" },
      });
      await tx.services.insert({
        ...base,
        id: crypto.randomUUID(),
        name: "team",
        integrationKey: "c".repeat(32),
        tickets: { ...DEFAULT_TICKET_DEFAULTS, projectKey: "TEAM" },
      });
      await tx.services.insert({
        ...base,
        id: crypto.randomUUID(),
        name: "ops",
        integrationKey: "b".repeat(32),
        tickets: {
          ...DEFAULT_TICKET_DEFAULTS,
          projectKey: "OPS",
          issueType: "Story",
          priorities: { ...DEFAULT_TICKET_DEFAULTS.priorities, SEV1: "Blocker" },
        },
      });
    });
    await db.close();
  });
  afterAll(async () => {
    await jira.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists what is there and what is missing, exit 1 while anything is", async () => {
    const { code, stdout } = await run(["jira", "check"], env);
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^ok {2,}signed in to http:\/\/127\.0\.0\.1:\d+ as /);
    expect(lines).toContain("ok       permission TRANSITION_ISSUES");
    expect(lines).toContain("ok       service ci: project CI, issue type Bug");
    expect(lines.find((l) => l.includes("service ops: project OPS, issue type Story"))).toMatch(
      /^missing .*does not exist \(have: /,
    );
    expect(lines).toContain('missing  service ops: SEV1 maps to priority "Blocker", which the site does not have');
    // A team-managed project without Priority on its create screen (issue 14).
    expect(lines).toContain(
      "missing  service team: project TEAM's create screen for Task has no Priority; Firewatch leaves it out of issues (add it to the project's create and edit screens)",
    );
    expect(lines.filter((l) => l.includes("create screen"))).toHaveLength(1);
  });

  it("names a missing permission", async () => {
    jira.denyPermission("TRANSITION_ISSUES");
    try {
      const { stdout } = await run(["jira", "check"], env);
      expect(stdout).toContain("missing  permission TRANSITION_ISSUES is missing");
    } finally {
      jira.grantPermission("TRANSITION_ISSUES");
    }
  });

  it("says which settings are missing, and when credentials are refused", async () => {
    const unset = await run(["jira", "check"], { FIREWATCH_DATA_DIR: dataDir });
    expect(unset).toMatchObject({
      code: 1,
      stdout: "missing  configuration: set JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN\n",
    });
    const refused = await run(["jira", "check"], { ...env, JIRA_API_TOKEN: "wrong-token" });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^missing {2}cannot sign in to .* as firewatch-bot@example\.com/);
  });
});
