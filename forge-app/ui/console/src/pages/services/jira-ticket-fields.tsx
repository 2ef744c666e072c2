import { SEVERITIES } from "../../api/incidents.ts";
import type { Service } from "../../api/services.ts";
import { Field } from "../../components/field.tsx";

type Priorities = Service["jira"]["priorities"];
type Severity = keyof Priorities;

/**
 * The Jira priority each severity sets on the incident's issues, and the resolution a Done transition gets. Free
 * text: the service API offers no list of the site's priorities, and checks only that a name is 1–255 characters.
 */
export function JiraTicketFields({
  priorities,
  resolution,
  err,
  onPriority,
  onResolution,
}: {
  priorities: Priorities;
  resolution: string;
  err: (path: string) => string | null;
  onPriority: (severity: Severity, name: string) => void;
  onResolution: (name: string) => void;
}) {
  return (
    <>
      <div role="group" aria-labelledby="service-priorities-label">
        <span id="service-priorities-label" className="field-label">
          Jira priority for each severity
        </span>
        <div className="service-priorities">
          {SEVERITIES.map((s) => (
            <Field key={s} label={`${s} priority`} error={err(`jira.priorities.${s}`)}>
              <input value={priorities[s]} maxLength={255} onChange={(e) => onPriority(s, e.target.value)} />
            </Field>
          ))}
        </div>
      </div>
      <Field
        label="Resolution when resolved"
        error={err("jira.resolution")}
        hint="Set when Jira’s Done transition asks for a resolution. Empty: the first Done-like one it offers."
      >
        <input value={resolution} maxLength={255} onChange={(e) => onResolution(e.target.value)} />
      </Field>
    </>
  );
}
