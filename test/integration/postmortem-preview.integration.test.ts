// The postmortem Firewatch would write, previewed over the API and through
// `firewatch postmortem render <key> --format adf|storage|markdown` (docs/postmortems.md, docs/cli.md).
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adfErrors } from "../../sync-service/src/formats/adf/postmortem-adf.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { ADMIN_TOKEN, startTestService, type TestService } from "../support/running-service.ts";

const bin = path.resolve(import.meta.dirname, "../../bin/firewatch.mjs");

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(DATABASE_KINDS)("postmortem preview on $name", (kind) => {
  let svc: TestService;
  let key: string;

  beforeAll(async () => {
    svc = await startTestService(kind);
    const service = await svc.createService("Payments API");
    const res = await svc.api("/api/incidents", {
      method: "POST",
      json: { title: "Card payments failing", severity: "SEV1", serviceId: service.id },
    });
    key = ((await res.json()) as { key: string }).key;
    await svc.api(`/api/incidents/${key}/notes`, {
      method: "POST",
      json: { body: "Rolled back <deploy 4411> & watching" },
    });
    await svc.api(`/api/incidents/${key}/acknowledge`, { method: "POST" });
    await svc.api(`/api/incidents/${key}/resolve`, { method: "POST" });
  });
  afterAll(() => svc?.stop());

  it("previews valid ADF with the template's sections, labels and the timeline", async () => {
    const res = await svc.api(`/api/incidents/${key}/postmortem/preview`);
    expect(res.status).toBe(200);
    const preview = (await res.json()) as { title: string; labels: string[]; body: { content: { type: string }[] } };
    expect(preview.title).toBe(`Postmortem: ${key} Card payments failing`);
    expect(preview.labels).toEqual(["postmortem", key.toLowerCase(), "sev1", "service-payments-api"]);
    expect(adfErrors(preview.body)).toEqual([]);
    const text = JSON.stringify(preview.body);
    for (const title of [
      "Summary",
      "Impact",
      "Timeline",
      "Contributing factors and root cause",
      "Detection and response",
      "Action items",
    ])
      expect(text).toContain(title);
    expect(text).toContain("Rolled back <deploy 4411> & watching");
  });

  it("renders storage format and Markdown from the command line, and says what is wrong", async () => {
    const env = { FIREWATCH_URL: svc.url, FIREWATCH_TOKEN: ADMIN_TOKEN, FIREWATCH_DATA_DIR: "/nonexistent" };
    const storage = await cli(["postmortem", "render", key, "--format", "storage"], env);
    expect(storage).toMatchObject({ code: 0, stderr: "" });
    expect(storage.stdout).toContain(
      '<ac:structured-macro ac:name="details"><ac:parameter ac:name="id">firewatch-timeline</ac:parameter>',
    );
    expect(storage.stdout).toContain("Rolled back &lt;deploy 4411&gt; &amp; watching");
    const markdown = await cli(["postmortem", "render", key, "--format", "markdown"], env);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# Postmortem: INC-\d+ Card payments failing\n/);
    expect(markdown.stdout).toContain("## Contributing factors and root cause");
    const adf = await cli(["postmortem", "render", key], env);
    expect(adfErrors(JSON.parse(adf.stdout))).toEqual([]);

    expect(await cli(["postmortem", "render", "INC-99999"], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("404"),
    });
    expect(await cli(["postmortem", "render", key, "--format", "pdf"], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--format adf|storage|markdown"),
    });
    expect(await cli(["postmortem", "render", key], { ...env, FIREWATCH_TOKEN: "wrong" })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("401"),
    });
  });
});
