import { useState, type FormEvent } from "react";
import { useApiList } from "../../api/hooks.ts";
import type { Incident, Service } from "../../api/incidents.ts";
import { usePeople, useScheduleSummaries } from "../../api/oncall.ts";
import { useAddResponder, useChangeService, useEscalateNow, type IncidentResponse } from "../../api/response.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { useSession } from "../../session.tsx";
import { RunPlay } from "./run-play.tsx";

type Open = "responder" | "play" | "service" | null;

/**
 * A responder's actions on the response: escalate now, page one more person or schedule, run a response play,
 * change the service.
 */
export function ResponseActions({ incident, response }: { incident: Incident; response: IncidentResponse }) {
  const { can } = useSession();
  const [open, setOpen] = useState<Open>(null);
  const escalate = useEscalateNow(incident.key);
  if (!can("responder") || incident.status === "resolved") return null;
  const toggle = (which: Exclude<Open, null>) => setOpen(open === which ? null : which);
  return (
    <>
      <div className="response-actions">
        {!response.pagesNobody && (
          <button type="button" onClick={() => escalate.mutate(undefined)} disabled={escalate.isPending}>
            Escalate now
          </button>
        )}
        <button type="button" aria-expanded={open === "responder"} onClick={() => toggle("responder")}>
          Add responder
        </button>
        <button type="button" aria-expanded={open === "play"} onClick={() => toggle("play")}>
          Run a play
        </button>
        {!response.pagesNobody && (
          <button type="button" aria-expanded={open === "service"} onClick={() => toggle("service")}>
            Change service
          </button>
        )}
      </div>
      <div className="response-forms">
        <ErrorMessage error={escalate.error} />
        {escalate.isSuccess && !escalate.error && (
          <p className="response-done" role="status">
            Escalated to level {escalate.data.level}.
          </p>
        )}
        {open === "responder" && <AddResponder incident={incident} onDone={() => setOpen(null)} />}
        {open === "play" && <RunPlay incident={incident} onDone={() => setOpen(null)} />}
        {open === "service" && <ChangeService incident={incident} onDone={() => setOpen(null)} />}
      </div>
    </>
  );
}

/** Pages a person, or whoever a schedule has on call now, beside the escalation policy. */
function AddResponder({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const people = usePeople();
  const schedules = useScheduleSummaries();
  const add = useAddResponder(incident.key);
  const [target, setTarget] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const [type, id = ""] = target.split(":");
    const body = type === "schedule" ? { scheduleId: id } : { userId: id };
    if (
      await add.mutateAsync(body).then(
        () => true,
        () => false,
      )
    )
      onDone();
  }

  return (
    <form className="response-form" aria-label="Add responder" onSubmit={submit}>
      <Field label="Person or schedule to page">
        <select value={target} onChange={(e) => setTarget(e.target.value)} required>
          <option value="">Choose…</option>
          <optgroup label="People">
            {people.data?.users.map((u) => (
              <option key={u.id} value={`user:${u.id}`}>
                {u.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Schedules (whoever is on call)">
            {schedules.data?.schedules.map((s) => (
              <option key={s.id} value={`schedule:${s.id}`}>
                {s.name}
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      <button type="submit" className="primary" disabled={add.isPending || !target}>
        Page responder
      </button>
      <button type="button" className="subtle" onClick={onDone}>
        Cancel
      </button>
      <ErrorMessage error={add.error ?? people.error ?? schedules.error} />
    </form>
  );
}

/** The service the incident is on, and so the escalation policy that pages for it. */
export function ChangeService({ incident, onDone }: { incident: Incident; onDone?: () => void }) {
  const services = useApiList<{ services: Service[] }>("/api/services", "services");
  const change = useChangeService(incident.key);
  const [serviceId, setServiceId] = useState(incident.serviceId ?? "");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (
      await change.mutateAsync({ serviceId: serviceId || null }).then(
        () => true,
        () => false,
      )
    )
      onDone?.();
  }

  return (
    <form className="response-form" aria-label="Change service" onSubmit={submit}>
      <Field label="Service">
        <select value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
          <option value="">No service — pages nobody</option>
          {services.data?.services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="primary" disabled={change.isPending || serviceId === (incident.serviceId ?? "")}>
        Save service
      </button>
      {onDone && (
        <button type="button" className="subtle" onClick={onDone}>
          Cancel
        </button>
      )}
      <ErrorMessage error={change.error ?? services.error} />
    </form>
  );
}
