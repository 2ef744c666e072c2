// Authoring side of migrations, fully offline. Prisma 7's `migrate` commands need the native schema
// engine, which no npm package ships; the wasm schema engine (@prisma/schema-engine-wasm) does the same
// diff when driven through a driver adapter. The shadow database is an in-memory PGlite, so neither
// command needs a PostgreSQL server.
//   new <name>  writes prisma/migrations/<timestamp>_<name>/migration.sql for schema changes
//   check       exits 1 when schema.prisma and the migrations have drifted apart (CI runs it)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = path.join(root, "prisma/schema.prisma");
const baseDir = path.join(root, "prisma/migrations");

type Glue = typeof glue & { __wbg_set_wasm(exports: unknown): void; SchemaEngine: any };
// Node has WebAssembly; TypeScript's lib only types it with "dom", which this project does not load.
const WebAssembly = (globalThis as any).WebAssembly;

function loadEngineModule(): Glue {
  const g = glue as Glue;
  const glueFile = fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const wasmFile = path.join(path.dirname(glueFile), "schema_engine_bg.wasm");
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), {
    "./schema_engine_bg.js": g,
  });
  g.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return g;
}

function migrationsList() {
  const dirs = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir)
        .filter((d) => /^\d+_/.test(d))
        .sort()
    : [];
  const lock = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    shadowDbInitScript: "",
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null },
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: fs.readFileSync(path.join(baseDir, d, "migration.sql"), "utf8") },
      },
    })),
  };
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (command !== "new" && command !== "check") {
    console.error("usage: migrations.ts new <name> | check");
    return 2;
  }
  if (command === "new" && !/^[a-z0-9_]+$/.test(name ?? "")) {
    console.error("migration name must be snake_case, e.g. `add_schedules`");
    return 2;
  }
  const schema = fs.readFileSync(schemaPath, "utf8");
  const pglite = new PGlite();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const engine = await loadEngineModule().SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (log: string) => process.env.DEBUG && console.error(log),
    adapter,
  );
  try {
    const list = migrationsList();
    const from = list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" };
    const diff = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    const drifted = diff.exitCode === 2;
    if (command === "check") {
      if (drifted)
        console.error(
          `prisma/schema.prisma and prisma/migrations differ; run \`npm run db:migration -- <name>\`:\n${diff.stdout}`,
        );
      else console.log("migrations match prisma/schema.prisma");
      return drifted ? 1 : 0;
    }
    if (!drifted) {
      console.log("no schema changes: nothing to write");
      return 0;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(baseDir, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), diff.stdout);
    const lock = path.join(baseDir, "migration_lock.toml");
    if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
    console.log(`created ${path.relative(root, dir)}/migration.sql`);
    return 0;
  } finally {
    engine.free?.();
    await pglite.close();
  }
}

process.exitCode = await main();
