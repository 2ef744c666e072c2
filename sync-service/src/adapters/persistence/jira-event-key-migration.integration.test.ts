// The migration that gave inbound deliveries an event key computes, for the Jira deliveries recorded
// before it, the key the service computes now (jiraEventKey), so a body replayed after the upgrade is
// a duplicate too.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_KINDS, emptyTestDatabase } from "../../../../test/support/databases.ts";
import { jiraEventKey } from "../../formats/jira/jira-webhook-identity.ts";
import { MIGRATIONS_DIR } from "./database.ts";
import { migrate, readMigrations } from "./migrator.ts";

const MIGRATION = "20261206215105_jira_event_key";

const updated = (changelogId: string | number, extra: Record<string, unknown> = {}) => ({
  timestamp: 1_714_557_840_000,
  webhookEvent: "jira:issue_updated",
  issue_event_type_name: "issue_generic",
  user: { accountId: "712020:ada", displayName: "Ada Oncall" },
  issue: { id: "10000", key: "CI-1", fields: { summary: "Build failed" } },
  changelog: { id: changelogId, items: [{ field: "status", fromString: "In Progress", toString: "Done" }] },
  ...extra,
});

describe.each(DATABASE_KINDS)("the jira_event_key migration on $name", (kind) => {
  let db: Awaited<ReturnType<typeof emptyTestDatabase>> | undefined;
  afterEach(() => db?.close());

  it("gives earlier Jira deliveries the key the service computes, once per event", async () => {
    db = await emptyTestDatabase(kind);
    const all = readMigrations(MIGRATIONS_DIR);
    await migrate(
      db.session,
      all.filter((m) => m.name < MIGRATION),
    );
    const rows: [string, string, unknown][] = [
      ["first", "jira", updated("10102")],
      // The same event recorded again under another identifier (a replay, or a second webhook): it keeps no key.
      ["again", "jira", updated("10102", { issue: { id: "10000", key: "CI-1", fields: {} } })],
      [
        "numeric",
        "jira",
        updated(10103, { comment: { id: 5, body: "x" }, worklog: { id: null }, version: { name: "no id" } }),
      ],
      ["untimed", "jira", { webhookEvent: "jira:issue_created", issue: { id: "10001", key: "CI-2" } }],
      ["slack", "slack", updated("10102")],
    ];
    for (const [key, source, payload] of rows) {
      await db.session.query(
        `INSERT INTO inbound_deliveries (id, source, delivery_key, payload, received_at) VALUES ($1, $2, $3, $4::jsonb, now() + make_interval(secs => $5))`,
        [randomUUID(), source, key, JSON.stringify(payload), rows.findIndex((r) => r[0] === key)],
      );
    }
    await migrate(db.session, all);

    const stored = await db.session.query<{ delivery_key: string; event_key: string | null }>(
      `SELECT delivery_key, event_key FROM inbound_deliveries ORDER BY received_at`,
    );
    const expected = (i: number) => jiraEventKey(rows[i]![2] as Record<string, unknown>, Buffer.from(""));
    expect(stored).toEqual([
      { delivery_key: "first", event_key: expected(0) },
      { delivery_key: "again", event_key: null },
      { delivery_key: "numeric", event_key: expected(2) },
      { delivery_key: "untimed", event_key: null },
      { delivery_key: "slack", event_key: null },
    ]);
  });
});
