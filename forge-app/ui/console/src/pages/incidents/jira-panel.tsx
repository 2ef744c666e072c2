import { useState, type FormEvent } from "react";
import { useApi, useApiMutation } from "../../api/hooks.ts";
import { incidentPath, type Incident, type LinkedIssue, type LinkIssueBody } from "../../api/incidents.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { Lozenge } from "../../components/lozenge.tsx";
import { useSession } from "../../session.tsx";
import { useMissingIntegration } from "../../api/integrations.ts";
import { NotSetUp } from "../../components/not-set-up.tsx";

const CATEGORY: Record<string, "default" | "inprogress" | "success"> = {
  new: "default",
  indeterminate: "inprogress",
  done: "success",
};

/** Linked Jira issues, live; create one in a project or link an existing key. */
export function JiraPanel({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const missing = useMissingIntegration("jira");
  const path = `${incidentPath(incident.key)}/jira-issues`;
  const issues = useApi<{ issues: LinkedIssue[] }>(path, { live: true });
  const [target, setTarget] = useState("");
  const link = useApiMutation<LinkIssueBody>("POST", path);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = target.trim().toUpperCase();
    const body = /^[A-Z][A-Z0-9_]*-\d+$/.test(value) ? { issueKey: value } : { projectKey: value };
    if (
      await link.mutateAsync(body).then(
        () => true,
        () => false,
      )
    )
      setTarget("");
  }

  return (
    <section className="panel" aria-labelledby="jira-heading">
      <h2 id="jira-heading">Jira issues</h2>
      <ErrorMessage error={issues.error} />
      {issues.data && issues.data.issues.length === 0 && <p className="muted">No linked issues.</p>}
      <ul className="item-list">
        {issues.data?.issues.map((i) => (
          <li key={i.id}>
            {i.url ? (
              <a href={i.url} target="_blank" rel="noreferrer">
                {i.issueKey}
              </a>
            ) : (
              <span>{i.issueKey ?? `creating in ${i.projectKey}…`}</span>
            )}
            {i.status && <Lozenge appearance={CATEGORY[i.statusCategory ?? ""] ?? "default"}>{i.status}</Lozenge>}
            {i.isOrigin && <span className="muted">origin</span>}
            {i.state === "dropped" && <span className="field-error">unlinked: {i.dropReason}</span>}
          </li>
        ))}
      </ul>
      {missing && <NotSetUp integration={missing} action="creating or linking an issue" />}
      {!missing && can("responder") && (
        <form onSubmit={submit} className="row" aria-label="Create or link a Jira issue">
          <Field label="Project key or issue key" hint="OPS creates an issue in OPS; OPS-12 links that issue.">
            <input value={target} onChange={(e) => setTarget(e.target.value)} required />
          </Field>
          <button type="submit" disabled={link.isPending}>
            Create or link
          </button>
        </form>
      )}
      <ErrorMessage error={link.error} />
    </section>
  );
}
