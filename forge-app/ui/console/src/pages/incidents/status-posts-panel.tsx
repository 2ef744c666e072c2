import { useApi } from "../../api/hooks.ts";
import { incidentPath, type Incident, type StatusPost } from "../../api/incidents.ts";
import { useMissingIntegration } from "../../api/integrations.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Lozenge } from "../../components/lozenge.tsx";
import { NotSetUp } from "../../components/not-set-up.tsx";
import { Time } from "../../components/time.tsx";
import { useSession } from "../../session.tsx";

/**
 * Posts to the public status page, in order; each shows whether Statuspage has it yet. New ones are written in
 * "Post a status update" (Status updates), beside what stakeholders are told, so there is one place to post.
 */
export function StatusPostsPanel({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const missing = useMissingIntegration("statuspage");
  const path = `${incidentPath(incident.key)}/status-posts`;
  const posts = useApi<{ statusPosts: StatusPost[] }>(path, { live: true });

  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">Status page</h2>
      <ErrorMessage error={posts.error} />
      {posts.data?.statusPosts.length === 0 && <p className="muted">Nothing posted publicly.</p>}
      <ul className="item-list">
        {posts.data?.statusPosts.map((p) => (
          <li key={p.id}>
            <Lozenge appearance={p.status === "resolved" ? "success" : "inprogress"}>{p.status}</Lozenge>
            {p.title && <strong>{p.title}</strong>}
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
      {incident.drill && <p className="muted">A drill never posts to the public status page.</p>}
      {!incident.drill && missing && <NotSetUp integration={missing} action="posting to the status page" />}
      {!incident.drill && !missing && can("responder") && (
        <p className="muted">To post, tick “Also post to the public status page” under Status updates.</p>
      )}
    </section>
  );
}
