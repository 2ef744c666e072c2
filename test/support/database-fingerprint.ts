// A digest of every row of every table, in one query, to tell whether a request wrote anything: cheap enough
// to take before and after each of thousands of requests. The migrations table is left out.
import type { Database } from "../../sync-service/src/adapters/persistence/database.ts";

type Prisma = Database["prisma"];

const queries = new WeakMap<Prisma, Promise<string>>();

async function fingerprintQuery(prisma: Prisma): Promise<string> {
  const tables = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  );
  const digests = tables.map(({ table_name: t }) => `'${t}', (SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) FROM "${t}" r)`);
  return `SELECT json_build_object(${digests.join(", ")}) AS digest`;
}

/** `{ table: md5 of its rows }` for every table; equal fingerprints mean nothing was written in between. */
export async function databaseFingerprint(prisma: Prisma, except: readonly string[] = []): Promise<Record<string, string>> {
  if (!queries.has(prisma)) queries.set(prisma, fingerprintQuery(prisma));
  const [row] = await prisma.$queryRawUnsafe<{ digest: Record<string, string> }[]>(await queries.get(prisma)!);
  return Object.fromEntries(Object.entries(row!.digest).filter(([table]) => !except.includes(table)));
}
