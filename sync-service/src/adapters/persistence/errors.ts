import { AppError } from "../../domain/errors.ts";

/** An update lost a race with another writer; the caller's transaction is rolled back. */
export class ConcurrentUpdatePersistenceError extends AppError {
  readonly kind = "conflict";
}

/** A write would take a name or address another row holds (a unique constraint): answered as a conflict. */
export class DuplicatePersistenceError extends AppError {
  readonly kind = "conflict";
}

/** The unique constraint a Prisma error violated, if it was a unique violation (P2002). */
export function uniqueViolation(error: unknown): string | null {
  const e = error as {
    code?: string;
    meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: unknown } } };
  };
  if (e?.code !== "P2002") return null;
  const constraint = e.meta?.driverAdapterError?.cause?.constraint ?? e.meta?.target;
  return typeof constraint === "string" ? constraint : JSON.stringify(constraint ?? "unique");
}
