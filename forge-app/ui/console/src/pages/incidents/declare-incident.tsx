import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useApiMutation } from "../../api/hooks.ts";
import { SEVERITIES, type DeclareIncidentBody, type Incident, type Service } from "../../api/incidents.ts";
import { useIncidentSettings } from "../../api/settings.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";

/**
 * "Declare incident": a disclosure with the form; on success, straight to the new incident. The service starts
 * as the tenant's default; "No service" is sent as such (null), so it pages nobody rather than the default.
 */
export function DeclareIncident({ services }: { services: Service[] }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ title: "", severity: "SEV3", description: "" });
  const [drill, setDrill] = useState(false);
  // Undefined until chosen: the default service, once the settings have loaded.
  const [chosenService, setService] = useState<string>();
  const settings = useIncidentSettings();
  const serviceId = chosenService ?? settings.data?.defaultServiceId ?? "";
  const navigate = useNavigate();
  const declare = useApiMutation<DeclareIncidentBody, Incident>("POST", "/api/incidents");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: DeclareIncidentBody = { title: form.title, severity: form.severity as Incident["severity"] };
    // Before the settings load (and untouched), the service applies its default itself.
    if (chosenService !== undefined || settings.data) body.serviceId = serviceId || null;
    if (form.description.trim()) body.description = form.description;
    if (drill) body.drill = true;
    const incident = await declare.mutateAsync(body).catch(() => null);
    if (incident) navigate(`/incidents/${incident.key}`);
  }

  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        Declare incident
      </button>
    );
  }
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  return (
    <form className="panel declare" aria-label="Declare incident" onSubmit={submit}>
      <h2>Declare an incident</h2>
      {declare.error && !fieldError(declare.error, "title") && <ErrorMessage error={declare.error} />}
      <Field label="Title" error={fieldError(declare.error, "title")}>
        <input value={form.title} onChange={set("title")} required autoFocus />
      </Field>
      <div className="row">
        <Field label="Severity">
          <select value={form.severity} onChange={set("severity")}>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <Field label="Service">
          <select value={serviceId} onChange={(e) => setService(e.target.value)}>
            <option value="">No service — pages nobody</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Description">
        <textarea value={form.description} onChange={set("description")} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={drill} onChange={(e) => setDrill(e.target.checked)} />
        This is a drill (a practice incident: pages and posts say DRILL; reports leave it out)
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={declare.isPending}>
          {declare.isPending ? "Declaring…" : "Declare"}
        </button>
        <button type="button" className="subtle" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
