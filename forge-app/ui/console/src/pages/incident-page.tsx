import { useParams } from "react-router";
import { useApi } from "../api/hooks.ts";
import { incidentPath, type Incident } from "../api/incidents.ts";
import { QueryState } from "../components/query-state.tsx";
import { IncidentHeader } from "./incidents/incident-header.tsx";
import { JiraPanel } from "./incidents/jira-panel.tsx";
import { ChannelPanel } from "./incidents/channel-panel.tsx";
import { StatusPostsPanel } from "./incidents/status-posts-panel.tsx";
import { PostmortemPanel } from "./incidents/postmortem-panel.tsx";
import { ResponsePanel } from "./incidents/response-panel.tsx";
import { Timeline } from "./incidents/timeline.tsx";
import "./incidents/incident.css";

/**
 * One incident: header actions, who it pages and where its escalation stands, its links to Jira, Slack and the
 * status page, the postmortem, the live timeline.
 */
export function IncidentPage() {
  const { key = "" } = useParams();
  const incident = useApi<Incident>(incidentPath(key), { live: true });
  return (
    <QueryState query={incident} what={key}>
      {(i) => (
        <div className="incident">
          <IncidentHeader incident={i} />
          <div className="incident-body">
            <div className="incident-main">
              <ResponsePanel incident={i} />
              <section aria-labelledby="timeline-heading" className="incident-timeline">
                <Timeline incident={i} />
              </section>
            </div>
            <aside className="incident-side">
              <JiraPanel incident={i} />
              <ChannelPanel incident={i} />
              <StatusPostsPanel incident={i} />
              <PostmortemPanel incident={i} />
            </aside>
          </div>
        </div>
      )}
    </QueryState>
  );
}
