import { compileJql, InvalidJqlDomainError, requiredProjects } from "../../domain/jql/index.ts";

export type JqlCheck =
  | { readonly valid: true; readonly projects: string[] | null }
  | {
      readonly valid: false;
      readonly error: { readonly message: string; readonly line: number | null; readonly column: number | null };
    };

/** Parses `jql` as a save would, without throwing: cheap enough to call on every (debounced) keystroke. */
export function checkJql(jql: string): JqlCheck {
  if (!jql.trim())
    return {
      valid: false,
      error: { message: "Enter a JQL query, e.g. project = CI AND labels = build-failed.", line: 1, column: 1 },
    };
  try {
    return { valid: true, projects: requiredProjects(compileJql(jql)) };
  } catch (error) {
    if (!(error instanceof InvalidJqlDomainError)) throw error;
    return {
      valid: false,
      error: { message: error.message, line: error.position?.line ?? null, column: error.position?.column ?? null },
    };
  }
}
