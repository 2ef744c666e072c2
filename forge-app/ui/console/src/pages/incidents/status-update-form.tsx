import { useState, type FormEvent } from "react";
import { useApi, useApiMutation } from "../../api/hooks.ts";
import { incidentPath, type Incident, type StatusPost, type StatusPostBody } from "../../api/incidents.ts";
import { useIntegrations } from "../../api/integrations.ts";
import { MAX_STATUS_UPDATE, usePostStatusUpdate } from "../../api/stakeholders.ts";
import { ErrorMessage, fieldErrorUnder } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { publicName } from "./crisis-wording.ts";
import { PublicPostFields, type PublicDraft } from "./public-post-fields.tsx";

/**
 * "Post a status update": a message to every stakeholder and, ticked, a post on the public status page (its own
 * title, text and status) through the status-posts route. Either part may be left out. The update goes first, so a
 * status page that refuses leaves it sent and the public fields as typed, to try again.
 */
export function StatusUpdateForm({ incident }: { incident: Incident }) {
  const postsPath = `${incidentPath(incident.key)}/status-posts`;
  const statuspage = useIntegrations().data?.integrations.find((i) => i.name === "statuspage");
  const posts = useApi<{ statusPosts: StatusPost[] }>(statuspage?.configured ? postsPath : null, { live: true });
  const update = usePostStatusUpdate(incident.key);
  const post = useApiMutation<StatusPostBody>("POST", postsPath);
  const [message, setMessage] = useState("");
  const [alsoPublic, setAlsoPublic] = useState(false);
  const currentName = publicName(posts.data?.statusPosts ?? [], incident.title);
  const [pub, setPub] = useState<Omit<PublicDraft, "title">>({ body: "", status: "investigating", notify: false });
  // The public title starts as the current public name and follows it until someone types in it.
  const [typedTitle, setTypedTitle] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);
  const title = typedTitle ?? currentName;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const sendUpdate = message.trim() !== "";
    if (!sendUpdate && !alsoPublic) return setEmpty(true);
    if (sendUpdate && !(await update.mutateAsync({ message }).catch(() => null))) return;
    if (sendUpdate) setMessage("");
    if (alsoPublic) {
      const body: StatusPostBody = {
        status: pub.status,
        body: pub.body,
        deliverNotifications: pub.notify,
        // Absent keeps the public name; only a changed one is sent.
        ...(title.trim() !== currentName ? { title: title.trim() } : {}),
      };
      if (!(await post.mutateAsync(body).catch(() => null))) return;
      setPub({ body: "", status: pub.status, notify: false });
      setTypedTitle(null);
      setAlsoPublic(false);
    }
    setDone(sendUpdate && alsoPublic ? "Sent, and posted publicly." : sendUpdate ? "Sent." : "Posted publicly.");
  }

  const touch = () => {
    setDone(null);
    setEmpty(false);
  };
  const updateError = fieldErrorUnder(update.error, "message");
  const postError = (f: string) => fieldErrorUnder(post.error, f);
  return (
    <form className="status-update-form" aria-label="Post a status update" onSubmit={submit} noValidate>
      <Field
        label="Status update to stakeholders"
        hint="E-mailed to every stakeholder (and sent on Slack where they have it), and put on the timeline."
        error={updateError ?? (empty ? "Write an update, or a public post, first." : null)}
      >
        <textarea
          rows={3}
          maxLength={MAX_STATUS_UPDATE}
          value={message}
          onChange={(e) => {
            setMessage(e.target.value);
            touch();
          }}
        />
      </Field>
      {statuspage?.configured && !incident.drill && (
        <label className="check">
          <input
            type="checkbox"
            checked={alsoPublic}
            onChange={(e) => {
              setAlsoPublic(e.target.checked);
              touch();
            }}
          />
          Also post to the public status page
        </label>
      )}
      {alsoPublic && (
        <PublicPostFields
          draft={{ ...pub, title }}
          onChange={({ title: typed, ...rest }) => {
            setPub(rest);
            setTypedTitle(typed);
            touch();
          }}
          error={postError}
        />
      )}
      {update.error && !updateError && <ErrorMessage error={update.error} />}
      {post.error && !["title", "body", "status"].some(postError) && <ErrorMessage error={post.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={update.isPending || post.isPending}>
          {update.isPending || post.isPending ? "Posting…" : "Post update"}
        </button>
        {done && (
          <span role="status" className="response-done">
            {done}
          </span>
        )}
      </div>
    </form>
  );
}
