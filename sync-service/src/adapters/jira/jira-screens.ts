// What a Jira screen asks for and what it allows. A transition's screen may require fields (classic "Resolve Issue"
// and most JSM workflows require Resolution), and a project's create/edit screens may lack Priority or Due date;
// Jira answers 400 for a required field not sent and for a field sent that is not on the screen.
// Transitions with their screen fields: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
// Create meta: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-createmeta-projectidorkey-issuetypes-issuetypeid-get
// Edit meta: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-editmeta-get

import { isApiError } from "jira.js";
import type { JiraCall } from "./jira-connection.ts";

/** One field of a screen, as Jira's FieldMetadata has it. */
export interface ScreenField {
  readonly required?: boolean;
  readonly hasDefaultValue?: boolean;
  readonly name?: string;
  readonly allowedValues?: readonly unknown[];
}

/** Resolution names that mean "the work is done", in the order they are preferred when none is configured. */
const DONE_LIKE = /^(done|fixed|resolved|complete(d)?)$/i;

/**
 * The resolution to send: the configured name if the screen allows it, else the first Done-like value, else none.
 * A configured name the screen does not offer is not replaced by a guess: the transition is reported instead.
 */
export function pickResolution(field: ScreenField, preferred: string | null | undefined): { id: string } | null {
  const values = (field.allowedValues ?? []) as { id?: string; name?: string }[];
  const found = preferred
    ? values.find((v) => v.name?.toLowerCase() === preferred.toLowerCase())
    : (values.find((v) => DONE_LIKE.test(v.name ?? "")) ??
      values.find((v) => /done|fixed|resolved/i.test(v.name ?? "")));
  return found?.id ? { id: String(found.id) } : null;
}

/** The values to send with a transition, and the names of required fields Firewatch cannot fill. */
export function transitionValues(
  fields: Readonly<Record<string, ScreenField>> | undefined,
  resolution: string | null | undefined,
) {
  const values: Record<string, unknown> = {};
  const unfilled: string[] = [];
  for (const [id, field] of Object.entries(fields ?? {})) {
    if (!field.required || field.hasDefaultValue) continue;
    const value = id === "resolution" ? pickResolution(field, resolution) : null;
    if (value) values[id] = value;
    else
      unfilled.push(
        id === "resolution" && resolution ? `${field.name ?? id} ("${resolution}" is not offered)` : (field.name ?? id),
      );
  }
  return { values, unfilled };
}

/** The fields Firewatch may write that a screen lacks (by field id), of those it wants to write. */
export function missingFromScreen(onScreen: ReadonlySet<string>, wanted: readonly string[]): string[] {
  return wanted.filter((id) => !onScreen.has(id));
}

/** Display names for the fields Firewatch writes, for timeline entries and `firewatch jira check`. */
export const FIELD_LABELS: Readonly<Record<string, string>> = { priority: "Priority", duedate: "Due date" };

interface Transition {
  id?: string;
  to?: { name?: string; statusCategory?: { key?: string } };
  fields?: Record<string, ScreenField>;
}

/** A 400 naming fields (`errors: {field: message}`): the screen refused or required them. */
function refusedFields(error: unknown): string[] | null {
  if (!isApiError(error) || error.status !== 400) return null;
  const errors = (error.body as { errors?: Record<string, string> } | null)?.errors;
  return errors && Object.keys(errors).length > 0
    ? Object.entries(errors).map(([field, message]) => `${field} (${message})`)
    : null;
}

/**
 * Takes the first transition into `categoryKey`, filling its screen's required fields. Returns the status reached,
 * or null with what stood in the way: no such transition (`unfilled` empty), or fields Firewatch cannot fill.
 */
export async function transitionInto(
  call: JiraCall,
  issueId: string,
  categoryKey: string,
  resolution: string | null | undefined,
) {
  const { transitions } = await call((jira) =>
    jira.issues.getTransitions({ issueIdOrKey: issueId, expand: "transitions.fields" }),
  );
  const pick = ((transitions ?? []) as Transition[]).find((t) => t.to?.statusCategory?.key === categoryKey);
  if (!pick?.id) return { reached: null, unfilled: [] as string[] };
  const { values, unfilled } = transitionValues(pick.fields, resolution);
  if (unfilled.length > 0) return { reached: null, unfilled };
  try {
    await call((jira) =>
      jira.issues.doTransition({
        issueIdOrKey: issueId,
        transition: { id: pick.id },
        ...(Object.keys(values).length > 0 ? { fields: values } : {}),
      }),
    );
  } catch (error) {
    // A screen the expand under-reports still answers 400 naming the field: report it rather than retry forever.
    const refused = refusedFields(error);
    if (!refused) throw error;
    return { reached: null, unfilled: refused };
  }
  return { reached: pick.to?.name ?? "", unfilled: [] as string[] };
}

/** The field ids on the project's create screen for the issue type; null when the type is not offered (create reports that). */
export async function createScreen(call: JiraCall, projectKey: string, issueType: string): Promise<Set<string> | null> {
  const types = await call((jira) =>
    jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: projectKey, maxResults: 200 }),
  );
  const type = ((types as { issueTypes?: { id?: string; name?: string }[] }).issueTypes ?? []).find(
    (t) => t.name?.toLowerCase() === issueType.toLowerCase(),
  );
  if (!type?.id) return null;
  const ids = new Set<string>();
  // Paged (default 50 fields a page): https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-createmeta-projectidorkey-issuetypes-issuetypeid-get
  for (let startAt = 0; ;) {
    const page = await call((jira) =>
      jira.issues.getCreateIssueMetaIssueTypeId({
        projectIdOrKey: projectKey,
        issueTypeId: type.id!,
        startAt,
        maxResults: 200,
      }),
    );
    const fields = page.fields ?? page.results ?? [];
    for (const f of fields) ids.add(f.fieldId ?? f.key);
    startAt += fields.length;
    if (fields.length === 0 || startAt >= (page.total ?? 0)) return ids;
  }
}

/** The field ids on the issue's edit screen. */
export async function editScreen(call: JiraCall, issueId: string): Promise<Set<string>> {
  const meta = await call((jira) => jira.issues.getEditIssueMeta({ issueIdOrKey: issueId }));
  return new Set(Object.keys(meta.fields ?? {}));
}
