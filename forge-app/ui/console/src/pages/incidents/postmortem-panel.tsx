import { useState, type FormEvent } from "react";
import { useApi, useApiMutation, useApiText } from "../../api/hooks.ts";
import {
  incidentPath,
  REVIEW_STATUSES,
  type ActionItemBody,
  type Incident,
  type Postmortem,
  type ReviewStatusBody,
} from "../../api/incidents.ts";
import { ApiError } from "../../transport/transport.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { Lozenge, StatusLozenge } from "../../components/lozenge.tsx";
import { Time } from "../../components/time.tsx";
import { useSession } from "../../session.tsx";
import { useMissingIntegration } from "../../api/integrations.ts";
import { NotSetUp } from "../../components/not-set-up.tsx";

/** The postmortem: preview of the generated page, publish/refresh to Confluence, review status, action items. */
export function PostmortemPanel({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const missing = useMissingIntegration("confluence");
  const base = incidentPath(incident.key);
  const postmortem = useApi<Postmortem>(`${base}/postmortem`, { live: true });
  const publish = useApiMutation("POST", `${base}/postmortem`);
  const review = useApiMutation<ReviewStatusBody>("PATCH", `${base}/postmortem`);
  const [preview, setPreview] = useState(false);
  const none = postmortem.error instanceof ApiError && postmortem.error.status === 404;
  const pm = postmortem.data;

  return (
    <section className="panel" aria-labelledby="postmortem-heading">
      <h2 id="postmortem-heading">Postmortem</h2>
      {!none && <ErrorMessage error={postmortem.error} />}
      {none && <p className="muted">Not published yet.</p>}
      {pm && (
        <p>
          {pm.pageUrl ? (
            <a href={pm.pageUrl} target="_blank" rel="noreferrer">
              Confluence page
            </a>
          ) : (
            "Publishing…"
          )}{" "}
          <Lozenge appearance={pm.status === "complete" ? "success" : pm.status === "in_review" ? "moved" : "default"}>
            {pm.status}
          </Lozenge>{" "}
          {pm.renderedAt && (
            <span className="muted">
              refreshed <Time iso={pm.renderedAt} />
            </span>
          )}
        </p>
      )}
      {pm?.lastError && <p className="field-error">Last refresh failed: {pm.lastError}</p>}
      {missing && <NotSetUp integration={missing} action="publishing to Confluence" />}
      <div className="row">
        <button type="button" aria-expanded={preview} onClick={() => setPreview(!preview)}>
          {preview ? "Hide preview" : "Preview"}
        </button>
        {!missing && can("responder") && (
          <button
            type="button"
            className="primary"
            onClick={() => publish.mutate(undefined)}
            disabled={publish.isPending}
          >
            {pm ? "Refresh in Confluence" : "Publish to Confluence"}
          </button>
        )}
        {pm && can("responder") && (
          <Field label="Review status" error={review.error ? null : undefined}>
            <select
              value={pm.status}
              onChange={(e) => review.mutate({ status: e.target.value as ReviewStatusBody["status"] })}
              disabled={review.isPending}
            >
              {REVIEW_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.replace("_", " ")}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <ErrorMessage error={publish.error ?? review.error} />
      {preview && <Preview base={base} />}
      <ActionItems incident={incident} postmortem={pm ?? null} />
    </section>
  );
}

/** The page as Confluence would store it, rendered in a sandboxed frame (no scripts, no same-origin). */
function Preview({ base }: { base: string }) {
  const storage = useApiText(`${base}/postmortem/preview?format=storage`);
  if (storage.error) return <ErrorMessage error={storage.error} />;
  if (!storage.data) return <p className="loading">Rendering the preview…</p>;
  // Macro parameters (the Page Properties ids that mark generated sections) are settings, not text:
  // Confluence does not show them, so neither does the preview.
  const body = storage.data.replace(/<ac:parameter\b[^>]*>[\s\S]*?<\/ac:parameter>/g, "");
  const doc = `<!doctype html><meta charset="utf-8"><style>body{font:14px/1.5 system-ui,sans-serif;color:#172b4d;margin:12px}table{border-collapse:collapse}td,th{border:1px solid #dfe1e6;padding:4px 8px}</style>${body}`;
  return <iframe className="preview-frame" title="Postmortem preview" sandbox="" srcDoc={doc} />;
}

function ActionItems({ incident, postmortem }: { incident: Incident; postmortem: Postmortem | null }) {
  const { can } = useSession();
  const path = `${incidentPath(incident.key)}/action-items`;
  const items = useApi<{ actionItems: Postmortem["actionItems"] }>(path, { live: true });
  const [title, setTitle] = useState("");
  const create = useApiMutation<ActionItemBody>("POST", path);
  const list = items.data?.actionItems ?? postmortem?.actionItems ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (
      await create.mutateAsync({ title }).then(
        () => true,
        () => false,
      )
    )
      setTitle("");
  }

  return (
    <>
      <h3>Action items</h3>
      <ErrorMessage error={items.error} />
      {list.length === 0 && <p className="muted">No action items.</p>}
      <ul className="item-list">
        {list.map((a) => (
          <li key={a.id}>
            <span>{a.title}</span>
            {a.issueUrl ? (
              <a href={a.issueUrl} target="_blank" rel="noreferrer">
                {a.issueKey}
              </a>
            ) : (
              <span className="muted">{a.issueKey ?? "creating in Jira…"}</span>
            )}
            {a.statusName && <Lozenge appearance={a.done ? "success" : "inprogress"}>{a.statusName}</Lozenge>}
            {a.overdue && <StatusLozenge status="overdue" />}
            {a.dueDate && <span className="muted">due {a.dueDate}</span>}
          </li>
        ))}
      </ul>
      {can("responder") && (
        <form onSubmit={submit} className="row" aria-label="Add an action item">
          <Field label="Action item" error={fieldError(create.error, "title")}>
            <input value={title} onChange={(e) => setTitle(e.target.value)} required />
          </Field>
          <button type="submit" disabled={create.isPending}>
            Add
          </button>
        </form>
      )}
      {create.error && !fieldError(create.error, "title") && <ErrorMessage error={create.error} />}
    </>
  );
}
