// A fingerprint of every table, in one query, to tell whether a request wrote anything: cheap enough to take
// before and after each of thousands of requests. The migrations table is left out.
import type { Database } from "../../sync-service/src/adapters/persistence/database.ts";

type Prisma = Database["prisma"];

const queries = new WeakMap<Prisma, Promise<string>>();

async function fingerprintQuery(prisma: Prisma): Promise<string> {
  const tables = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  );
  // Each committed insert or update makes a row version whose xmin is the newest transaction id, and a delete
  // lowers the count: (count, newest xmin) changes with any committed write, without reading the rows' data.
  // A rolled-back transaction's row versions are invisible, so a write undone leaves the fingerprint as it was.
  const digests = tables.map(
    ({ table_name: t }) => `'${t}', (SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${t}")`,
  );
  return `SELECT json_build_object(${digests.join(", ")}) AS digest`;
}

/** `{ table: "rows:newest xmin" }` for every table; equal fingerprints mean nothing was written in between. */
export async function databaseFingerprint(
  prisma: Prisma,
  except: readonly string[] = [],
): Promise<Record<string, string>> {
  if (!queries.has(prisma)) queries.set(prisma, fingerprintQuery(prisma));
  const [row] = await prisma.$queryRawUnsafe<{ digest: Record<string, string> }[]>(await queries.get(prisma)!);
  return Object.fromEntries(Object.entries(row!.digest).filter(([table]) => !except.includes(table)));
}

/** The next transaction id PostgreSQL will hand out: it moves only when some transaction writes (or starts to). */
async function nextTransactionId(prisma: Prisma): Promise<string> {
  const [row] = await prisma.$queryRawUnsafe<{ xid: string }[]>(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid`,
  );
  return row!.xid;
}

/**
 * Watches for writes between calls: `written()` names the tables whose rows changed since the last call.
 * Reading one transaction id first keeps it cheap: when none was handed out, nothing can have been written
 * (the full fingerprint is read only when one was, so a transaction that wrote and rolled back costs a read).
 */
export async function watchWrites(
  prisma: Prisma,
  except: readonly string[] = [],
): Promise<{ written(): Promise<string[]> }> {
  let xid = await nextTransactionId(prisma);
  let last = await databaseFingerprint(prisma, except);
  return {
    async written() {
      const now = await nextTransactionId(prisma);
      if (now === xid) return [];
      xid = now;
      const fingerprint = await databaseFingerprint(prisma, except);
      const changed = Object.keys(fingerprint).filter((t) => fingerprint[t] !== last[t]);
      last = fingerprint;
      return changed;
    },
  };
}
