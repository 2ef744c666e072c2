import { useState, type FormEvent } from "react";
import { useApi, useApiMutation } from "../../api/hooks.ts";
import {
  incidentPath,
  STATUS_POST_STATUSES,
  type Incident,
  type StatusPost,
  type StatusPostBody,
} from "../../api/incidents.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { Lozenge } from "../../components/lozenge.tsx";
import { Time } from "../../components/time.tsx";
import { useSession } from "../../session.tsx";
import { useMissingIntegration } from "../../api/integrations.ts";
import { NotSetUp } from "../../components/not-set-up.tsx";

/** Posts to the public status page, in order; each shows whether Statuspage has it yet. */
export function StatusPostsPanel({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const missing = useMissingIntegration("statuspage");
  const path = `${incidentPath(incident.key)}/status-posts`;
  const posts = useApi<{ statusPosts: StatusPost[] }>(path, { live: true });
  const [form, setForm] = useState<StatusPostBody>({ status: "investigating", body: "", deliverNotifications: true });
  const post = useApiMutation<StatusPostBody>("POST", path);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (
      await post.mutateAsync(form).then(
        () => true,
        () => false,
      )
    )
      setForm({ ...form, body: "" });
  }

  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">Status page</h2>
      <ErrorMessage error={posts.error} />
      {posts.data?.statusPosts.length === 0 && <p className="muted">Nothing posted publicly.</p>}
      <ul className="item-list">
        {posts.data?.statusPosts.map((p) => (
          <li key={p.id}>
            <Lozenge appearance={p.status === "resolved" ? "success" : "inprogress"}>{p.status}</Lozenge>
            <span>{p.body}</span>
            <span className="muted">
              {p.publishedAt ? (
                <>
                  published <Time iso={p.publishedAt} />
                </>
              ) : (
                p.state
              )}
            </span>
          </li>
        ))}
      </ul>
      {missing && <NotSetUp integration={missing} action="posting to the status page" />}
      {!missing && can("responder") && (
        <form onSubmit={submit} aria-label="Post a status update">
          {post.error && !fieldError(post.error, "body") && <ErrorMessage error={post.error} />}
          <Field label="Public status">
            <select
              value={form.status}
              onChange={(e) => setForm({ ...form, status: e.target.value as StatusPostBody["status"] })}
            >
              {STATUS_POST_STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          <Field label="Update" error={fieldError(post.error, "body")}>
            <textarea value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} required />
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={form.deliverNotifications}
              onChange={(e) => setForm({ ...form, deliverNotifications: e.target.checked })}
            />{" "}
            Notify subscribers
          </label>
          <button type="submit" disabled={post.isPending}>
            Post update
          </button>
        </form>
      )}
    </section>
  );
}
