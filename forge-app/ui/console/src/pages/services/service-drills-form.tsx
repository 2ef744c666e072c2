import { useState, type FormEvent } from "react";
import { SEVERITIES } from "../../api/incidents.ts";
import type { Service } from "../../api/services.ts";
import { ErrorMessage, fieldErrorUnder } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { TimeZoneInput } from "../people/time-zone-input.tsx";
import { useServiceForm } from "./use-save-service.ts";
import { SaveServiceRow } from "./save-service-row.tsx";

type Schedule = NonNullable<Service["drillSchedule"]>;
const WEEKDAYS = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
const FIELDS = ["weekday", "time", "timeZone", "everyWeeks", "startsOn", "title", "severity"] as const;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Drills": when practice incidents open on this service by themselves (docs/drills.md), and when the next one is. */
export function ServiceDrillsForm({ service, readOnly }: { service: Service; readOnly: boolean }) {
  const stored = service.drillSchedule;
  const [on, setOn] = useState(stored !== null);
  const [draft, setDraft] = useState({
    weekday: stored?.weekday ?? "wed",
    time: stored?.time ?? "10:00",
    timeZone: stored?.timeZone ?? browserZone(),
    everyWeeks: String(stored?.everyWeeks ?? 4),
    startsOn: stored?.startsOn ?? new Date().toISOString().slice(0, 10),
    title: stored?.title ?? "",
    severity: stored?.severity ?? "",
  });
  const { save, saved, touch, saveBody } = useServiceForm(service.id);
  const set = (name: keyof typeof draft) => (value: string) => {
    setDraft({ ...draft, [name]: value });
    touch();
  };
  const error = (f: string) => fieldErrorUnder(save.error, `drillSchedule.${f}`);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const schedule: Schedule = {
      ...draft,
      weekday: draft.weekday as Schedule["weekday"],
      everyWeeks: Number(draft.everyWeeks),
      title: draft.title.trim() || null,
      severity: (draft.severity || null) as Schedule["severity"],
    };
    await saveBody({ drillSchedule: on ? schedule : null });
  }

  return (
    <form className="panel service-form" aria-labelledby="service-drills-heading" onSubmit={submit} noValidate>
      <h2 id="service-drills-heading">Drills</h2>
      <p className="muted">
        A drill is a practice incident: it pages and posts like a real one, marked DRILL, never reaches the public
        status page, and reports leave it out.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={on}
          disabled={readOnly}
          onChange={(e) => {
            setOn(e.target.checked);
            touch();
          }}
        />
        Run a drill on a schedule
      </label>
      {on && (
        <fieldset disabled={readOnly} className="drill-fields">
          <div className="row">
            <Field label="Weekday" error={error("weekday")}>
              <select value={draft.weekday} onChange={(e) => set("weekday")(e.target.value)}>
                {Object.entries(WEEKDAYS).map(([v, name]) => (
                  <option key={v} value={v}>
                    {name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Time" error={error("time")}>
              <input type="time" value={draft.time} onChange={(e) => set("time")(e.target.value)} />
            </Field>
            <Field label="Every N weeks" hint="2: every other week" error={error("everyWeeks")}>
              <input
                type="number"
                min={1}
                max={8}
                value={draft.everyWeeks}
                onChange={(e) => set("everyWeeks")(e.target.value)}
              />
            </Field>
          </div>
          <div className="row">
            <Field label="Time zone" error={error("timeZone")}>
              <TimeZoneInput value={draft.timeZone} onChange={set("timeZone")} />
            </Field>
            <Field label="Starts on" hint="The first drill is on the weekday on or after it." error={error("startsOn")}>
              <input type="date" value={draft.startsOn} onChange={(e) => set("startsOn")(e.target.value)} />
            </Field>
          </div>
          <div className="row">
            <Field label="Title" hint={`Empty: “Practice drill: ${service.name}”`} error={error("title")}>
              <input value={draft.title} maxLength={200} onChange={(e) => set("title")(e.target.value)} />
            </Field>
            <Field label="Severity" error={error("severity")}>
              <select value={draft.severity} onChange={(e) => set("severity")(e.target.value)}>
                <option value="">The service’s default ({service.defaultSeverity})</option>
                {SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
      )}
      <NextDrill service={service} />
      {save.error && !FIELDS.some((f) => error(f)) && <ErrorMessage error={save.error} />}
      {!readOnly && <SaveServiceRow label="Save drills" pending={save.isPending} saved={saved} />}
    </form>
  );
}

/** The next drill in the schedule's own zone and in UTC, as saved. */
function NextDrill({ service }: { service: Service }) {
  const { drillSchedule: s, nextDrillAt } = service;
  if (!s || !nextDrillAt) return <p className="muted">No drill scheduled.</p>;
  const at = new Date(nextDrillAt);
  const local = at.toLocaleString("en-GB", { timeZone: s.timeZone, dateStyle: "full", timeStyle: "short" });
  const utc = at.toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });
  return (
    <p className="next-drill" role="status">
      Next drill: <strong>{local}</strong> ({s.timeZone}) · {utc} UTC
    </p>
  );
}
