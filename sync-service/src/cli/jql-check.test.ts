// `firewatch jql check` exit codes exactly as docs/cli.md says.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jqlCheck } from "./jql-check.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-jql-"));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const issue = {
  id: "10017",
  key: "CI-17",
  fields: { project: { key: "CI" }, labels: ["build-failed"], priority: { name: "High" } },
};
const issueFile = file("issue.json", JSON.stringify(issue));
// The webhook fixture carries the issue as `issue` (test/fixtures/jira/issue_created.json).
const webhookFile = path.resolve(import.meta.dirname, "../../../test/fixtures/jira/issue_created.json");

describe("firewatch jql check", () => {
  const run = (args: Parameters<typeof jqlCheck>[0]) => {
    const lines: string[] = [];
    const code = jqlCheck(
      args,
      (l) => lines.push(l),
      () => {},
    );
    return { code, stderr: lines.join("\n") };
  };

  it.each([
    ["project = CI AND labels = build-failed AND priority in (Highest, High)", issueFile, 0],
    ["project = OPS", issueFile, 1],
    ["project = CI", webhookFile, 0],
    ["labels = build-failed", webhookFile, 1],
  ])("%s on %s → exit %i", (jql, issuePath, code) => {
    expect(run({ jql, issue: issuePath }).code).toBe(code);
  });

  it.each([
    [{ jql: "project ==", issue: issueFile }, /Invalid JQL at line 1, column 10/],
    [{ jql: "project = CI", issue: path.join(dir, "missing.json") }, /cannot read the issue/],
    [{ jql: "project = CI", issue: file("bad.json", "{nope") }, /cannot read the issue/],
    [{ jql: "project = CI", issue: file("array.json", "[1]") }, /is not a Jira issue/],
    [{ jql: "project = CI", issue: issueFile, timeZone: "Mars/Base" }, /not an IANA time zone/],
    [{ issue: issueFile }, /usage: firewatch jql check/],
  ])("exits 2 for invalid input %#", (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("exits 3 naming what only Jira can decide", () => {
    const { code, stderr } = run({ jql: "project = CI AND issue in linkedIssues(CI-1)", issue: issueFile });
    expect(code).toBe(3);
    expect(stderr).toBe(
      "firewatch: cannot be decided without Jira: issue in linkedIssues(CI-1): the function linkedissues() is evaluated by Jira",
    );
  });

  it("runs as the real command", () => {
    const bin = path.resolve(import.meta.dirname, "../../../bin/firewatch.mjs");
    const result = spawnSync(
      process.execPath,
      [bin, "jql", "check", "--jql", "labels = build-failed", "--issue", issueFile],
      { encoding: "utf8" },
    );
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: "match\n" });
  });
});
