import { useApi, useApiMutation } from "../../api/hooks.ts";
import { incidentPath, type Channel, type Incident } from "../../api/incidents.ts";
import { ApiError } from "../../transport/transport.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { useSession } from "../../session.tsx";
import { useMissingIntegration } from "../../api/integrations.ts";
import { NotSetUp } from "../../components/not-set-up.tsx";

/** The incident's Slack channel, or a button to open one when its severity did not ask for it. */
export function ChannelPanel({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const path = `${incidentPath(incident.key)}/channel`;
  const channel = useApi<Channel>(path, { live: true });
  const open = useApiMutation("POST", path);
  const none = channel.error instanceof ApiError && channel.error.status === 404;
  const missing = useMissingIntegration("slack");
  return (
    <section className="panel" aria-labelledby="channel-heading">
      <h2 id="channel-heading">Slack channel</h2>
      {!none && <ErrorMessage error={channel.error} />}
      {channel.data && (
        <p>
          #{channel.data.channelName}{" "}
          <span className="muted">
            ({channel.data.state === "ready" ? `mirroring ${channel.data.mirrorMode}` : "opening…"})
          </span>
        </p>
      )}
      {none && <p className="muted">No channel for this incident.</p>}
      {none && missing && <NotSetUp integration={missing} action="opening a channel" />}
      {none && !missing && can("responder") && incident.status !== "resolved" && (
        <button type="button" onClick={() => open.mutate(undefined)} disabled={open.isPending}>
          Open a Slack channel
        </button>
      )}
      <ErrorMessage error={open.error} />
    </section>
  );
}
