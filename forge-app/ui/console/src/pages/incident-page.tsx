import { useParams } from "react-router";
import { useApi } from "../api/hooks.ts";
import { incidentPath, type IncidentDetail } from "../api/incidents.ts";
import { QueryState } from "../components/query-state.tsx";
import { ConferenceBridgeBar } from "./incidents/conference-bridge.tsx";
import { IncidentHeader } from "./incidents/incident-header.tsx";
import { JiraPanel } from "./incidents/jira-panel.tsx";
import { ChannelPanel } from "./incidents/channel-panel.tsx";
import { StakeholdersPanel } from "./incidents/stakeholders-panel.tsx";
import { StatusPostsPanel } from "./incidents/status-posts-panel.tsx";
import { StatusUpdatesPanel } from "./incidents/status-updates-panel.tsx";
import { PostmortemPanel } from "./incidents/postmortem-panel.tsx";
import { ResponsePanel } from "./incidents/response-panel.tsx";
import { Timeline } from "./incidents/timeline.tsx";
import "./incidents/incident.css";
import "./incidents/crisis.css";

/**
 * One incident: header actions and its conference bridge, who it pages and where its escalation stands, the status
 * updates its stakeholders were sent, the live timeline; beside them the stakeholders and the links to Jira, Slack,
 * the status page and the postmortem.
 */
export function IncidentPage() {
  const { key = "" } = useParams();
  const incident = useApi<IncidentDetail>(incidentPath(key), { live: true });
  return (
    <QueryState query={incident} what={key}>
      {(i) => (
        <div className="incident">
          <IncidentHeader incident={i} />
          <ConferenceBridgeBar bridge={i.conferenceBridge} />
          <div className="incident-body">
            <div className="incident-main">
              <ResponsePanel incident={i} />
              <StatusUpdatesPanel incident={i} />
              <section aria-labelledby="timeline-heading" className="incident-timeline">
                <Timeline incident={i} />
              </section>
            </div>
            <aside className="incident-side">
              <StakeholdersPanel incident={i} />
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
