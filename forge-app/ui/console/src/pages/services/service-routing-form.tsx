import { useState, type FormEvent } from "react";
import { SEVERITIES } from "../../api/incidents.ts";
import { MIRROR_MODES, type MirrorMode, type Service } from "../../api/services.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { JiraTicketFields } from "./jira-ticket-fields.tsx";
import { useServiceForm } from "./use-save-service.ts";
import { SaveServiceRow } from "./save-service-row.tsx";

const MIRROR_LABELS: Record<MirrorMode, string> = {
  all: "Every message",
  pinned: "Pinned messages only",
  reaction: "Messages with a chosen reaction",
};
const FIELDS = [
  "jira.projectKey",
  "jira.issueType",
  ...SEVERITIES.map((s) => `jira.priorities.${s}`),
  "jira.resolution",
  "slack.channelSeverities",
  "slack.mirrorMode",
  "slack.mirrorReaction",
];

/**
 * Where the service's incidents go in Jira (project, issue type, priorities, resolution, the origin issue acting
 * back) and in Slack.
 */
export function ServiceRoutingForm({ service, readOnly }: { service: Service; readOnly: boolean }) {
  const [projectKey, setProjectKey] = useState(service.jira.projectKey ?? "");
  const [issueType, setIssueType] = useState(service.jira.issueType);
  const [priorities, setPriorities] = useState(service.jira.priorities);
  const [resolution, setResolution] = useState(service.jira.resolution ?? "");
  const [acks, setAcks] = useState(service.jira.originAcknowledges);
  const [resolves, setResolves] = useState(service.jira.originResolves);
  const [severities, setSeverities] = useState<string[]>([...service.slack.channelSeverities]);
  const [mode, setMode] = useState<MirrorMode>(service.slack.mirrorMode);
  const [reaction, setReaction] = useState(service.slack.mirrorReaction ?? "");
  const { save, saved, touch, saveBody } = useServiceForm(service.id);
  const err = (path: string) => fieldError(save.error, path);
  const edit =
    <T,>(setter: (v: T) => void) =>
    (value: T) => {
      setter(value);
      touch();
    };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      jira: {
        projectKey: projectKey.trim() || null,
        issueType,
        priorities,
        // Empty: none of our own; the adapter takes the first Done-like resolution the screen offers.
        resolution: resolution.trim() || null,
        originAcknowledges: acks,
        originResolves: resolves,
      },
      slack: {
        channelSeverities: SEVERITIES.filter((s) => severities.includes(s)),
        mirrorMode: mode,
        mirrorReaction: mode === "reaction" ? reaction.trim() || null : null,
      },
    };
    await saveBody(body);
  }

  return (
    <form className="panel service-form" aria-labelledby="service-routing-heading" onSubmit={submit} noValidate>
      <h2 id="service-routing-heading">Jira and Slack</h2>
      <fieldset disabled={readOnly}>
        <legend>Jira</legend>
        <div className="service-form-fields">
          <Field
            label="Jira project key"
            error={err("jira.projectKey")}
            hint="Incidents’ Jira issues are created here."
          >
            <input value={projectKey} onChange={(e) => edit(setProjectKey)(e.target.value.toUpperCase())} />
          </Field>
          <Field label="Issue type" error={err("jira.issueType")}>
            <input value={issueType} onChange={(e) => edit(setIssueType)(e.target.value)} />
          </Field>
        </div>
        <JiraTicketFields
          priorities={priorities}
          resolution={resolution}
          err={err}
          onPriority={(s, name) => edit(setPriorities)({ ...priorities, [s]: name })}
          onResolution={edit(setResolution)}
        />
        <label className="check">
          <input type="checkbox" checked={acks} onChange={(e) => edit(setAcks)(e.target.checked)} />
          The origin issue in progress acknowledges the incident
        </label>
        <label className="check">
          <input type="checkbox" checked={resolves} onChange={(e) => edit(setResolves)(e.target.checked)} />
          The origin issue done resolves the incident
        </label>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Slack</legend>
        <div role="group" aria-label="Severities that get an incident channel" className="service-severities">
          <span className="field-label">Severities that get an incident channel</span>
          {SEVERITIES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={severities.includes(s)}
                onChange={(e) =>
                  edit(setSeverities)(e.target.checked ? [...severities, s] : severities.filter((x) => x !== s))
                }
              />
              {s}
            </label>
          ))}
          {err("slack.channelSeverities") && <small className="field-error">{err("slack.channelSeverities")}</small>}
        </div>
        <div className="service-form-fields">
          <Field label="Messages copied to the timeline" error={err("slack.mirrorMode")}>
            <select value={mode} onChange={(e) => edit(setMode)(e.target.value as MirrorMode)}>
              {MIRROR_MODES.map((m) => (
                <option key={m} value={m}>
                  {MIRROR_LABELS[m]}
                </option>
              ))}
            </select>
          </Field>
          {mode === "reaction" && (
            <Field label="Reaction name" error={err("slack.mirrorReaction")} hint="Without colons, e.g. pushpin">
              <input value={reaction} onChange={(e) => edit(setReaction)(e.target.value)} />
            </Field>
          )}
        </div>
      </fieldset>
      {save.error && !FIELDS.some((f) => err(f)) && <ErrorMessage error={save.error} />}
      {!readOnly && <SaveServiceRow label="Save Jira and Slack" pending={save.isPending} saved={saved} />}
    </form>
  );
}
