// What every resolver of the app answers (forge-app/resolvers): the service's status and body.
export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** `invoke` from @forge/bridge, as the components use it (passed in, so a test can drive them). */
export type Invoke = (functionKey: string, payload?: Record<string, unknown>) => Promise<Answer>;

/**
 * `invoke` that always answers: when the resolver itself fails (it threw, or Forge could not run it), the
 * bridge rejects; that becomes an answer the component shows like any other refusal, instead of a
 * rejection nobody handles and a spinner that never stops.
 */
export function answering(invoke: Invoke): Invoke {
  return (functionKey, payload) =>
    invoke(functionKey, payload).catch((error: unknown) => ({
      status: 503,
      body: {
        error: {
          message: `Firewatch could not answer (${error instanceof Error ? error.message : String(error)}). Reload to try again.`,
        },
      },
    }));
}

/** The message of an error answer (`{ error: { message } }`), or a plain one. */
export function messageOf(answer: Answer): string {
  const error = (answer.body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === "string" ? error.message : `Firewatch answered ${answer.status}.`;
}

/**
 * The fields a refusal names (`{ error: { fields: [{ path, message }] } }`), by path with `prefix` taken off
 * (the request schema's paths start at the body, e.g. "settings."); the first message of each path.
 */
export function fieldProblemsOf(answer: Answer, prefix = ""): Record<string, string> {
  const fields = (answer.body as { error?: { fields?: unknown } } | null)?.error?.fields;
  const problems: Record<string, string> = {};
  if (!Array.isArray(fields)) return problems;
  for (const field of fields as { path?: unknown; message?: unknown }[]) {
    if (typeof field?.path !== "string" || typeof field.message !== "string") continue;
    const path = field.path.startsWith(prefix) ? field.path.slice(prefix.length) : field.path;
    problems[path] ??= field.message;
  }
  return problems;
}

export interface IncidentSummary {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly status: "triggered" | "acknowledged" | "resolved";
  readonly severity: string;
  /** The incident's page in the console inside Jira; null while the service does not know the site's address. */
  readonly url: string | null;
}

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
