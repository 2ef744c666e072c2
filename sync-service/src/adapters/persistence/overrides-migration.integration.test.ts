// The migration that gave overrides without `replaces` their new meaning (they take the place of whoever is
// on call) keeps each stored override meaning what it meant when saved: it was added beside them.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_KINDS, emptyTestDatabase } from "../../../../test/support/databases.ts";
import { onCallAt } from "../../domain/oncall/oncall.ts";
import { parseSchedule } from "../../domain/oncall/parse-schedule.ts";
import { MIGRATIONS_DIR } from "./database.ts";
import { migrate, readMigrations } from "./migrator.ts";

const MIGRATION = "20261208010000_overrides_take_place";

const day = { start: "2026-03-03T00:00:00Z", end: "2026-03-04T00:00:00Z" };
const layers = [{ users: ["alice", "bob"], rotation: { type: "weekly", shiftLength: 1, start: "2026-03-02T09:00" } }];

describe.each(DATABASE_KINDS)("the overrides_take_place migration on $name", (kind) => {
  let db: Awaited<ReturnType<typeof emptyTestDatabase>> | undefined;
  afterEach(() => db?.close());

  it("keeps every stored override meaning what it meant: one without replaces stays added", async () => {
    db = await emptyTestDatabase(kind);
    const all = readMigrations(MIGRATIONS_DIR);
    await migrate(
      db.session,
      all.filter((m) => m.name < MIGRATION),
    );
    const stored = {
      added: {
        timeZone: "UTC",
        layers,
        overrides: [
          { user: "dave", ...day },
          { user: "erin", replaces: "alice", ...day },
        ],
      },
      none: { timeZone: "UTC", layers, overrides: [] },
      absent: { timeZone: "UTC", layers },
    };
    const tenant = randomUUID();
    for (const [name, definition] of Object.entries(stored)) {
      await db.session.query(`INSERT INTO schedules (id, tenant_id, name, definition) VALUES ($1, $2, $3, $4::jsonb)`, [
        randomUUID(),
        tenant,
        name,
        JSON.stringify(definition),
      ]);
    }
    await migrate(db.session, all);

    const rows = await db.session.query<{ name: string; definition: unknown }>(
      `SELECT name, definition FROM schedules ORDER BY name`,
    );
    const byName = Object.fromEntries(rows.map((r) => [r.name, r.definition]));
    expect(byName.added).toEqual({
      timeZone: "UTC",
      layers,
      overrides: [
        { user: "dave", add: true, ...day },
        { user: "erin", replaces: "alice", ...day },
      ],
    });
    expect(byName.none).toEqual(stored.none);
    expect(byName.absent).toEqual(stored.absent);
    // Under the new contract the migrated schedule puts the same people on call as before: erin for alice, dave beside.
    expect(onCallAt(parseSchedule(byName.added), new Date("2026-03-03T12:00:00Z"))).toEqual(["erin", "dave"]);
  });
});
