import { ApiError } from "../transport/transport.ts";

/** An API or network error as a sentence a person can act on, announced to screen readers. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return (
    <p className="error-message" role="alert" id={id}>
      {messageOf(error)}
    </p>
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The API's message for one field of a refused request (`fields[].path`), if it named that field. */
export function fieldError(error: unknown, path: string): string | null {
  if (!(error instanceof ApiError)) return null;
  return error.fields.find((f) => f.path === path)?.message ?? null;
}

/**
 * The API's first message for a field or anything under it (`addSubscribers[2].email` under `addSubscribers`). A
 * refusal from the service's own rules names its field at the start of its message (`` `conferenceBridge.url`: … ``)
 * rather than in `fields`; that counts too.
 */
export function fieldErrorUnder(error: unknown, prefix: string): string | null {
  if (!(error instanceof ApiError)) return null;
  const under = (path: string) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
  const named = /^`([^`]+)`: ([\s\S]+)$/.exec(error.message);
  const fields = error.fields.length || !named ? error.fields : [{ path: named[1]!, message: named[2]! }];
  return fields.find((f) => under(f.path))?.message ?? null;
}
