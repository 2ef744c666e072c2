import { useState, type FormEvent } from "react";
import type { Service } from "../../api/services.ts";
import { ErrorMessage, fieldErrorUnder } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { CopyValue } from "./integration-panel.tsx";
import { useServiceForm } from "./use-save-service.ts";
import { SaveServiceRow } from "./save-service-row.tsx";

const FIELDS = ["callRouting.number", "callRouting.greeting", "callRouting.ringSeconds"];
const DEFAULT_RING_SECONDS = 25;

/**
 * "Call routing": the Twilio number whose callers are put through to whoever is on call, level by level, and the
 * Voice URL to set on it (docs/call-routing.md). An empty number turns it off.
 */
export function ServiceCallsForm({ service, readOnly }: { service: Service; readOnly: boolean }) {
  const routing = service.callRouting;
  const [number, setNumber] = useState(routing?.number ?? "");
  const [greeting, setGreeting] = useState(routing?.greeting ?? "");
  const [ringSeconds, setRingSeconds] = useState(String(routing?.ringSeconds ?? DEFAULT_RING_SECONDS));
  const [voicemail, setVoicemail] = useState(routing?.voicemail ?? true);
  const { save, saved, touch, saveBody } = useServiceForm(service.id);
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      touch();
    };
  const error = (field: string) => fieldErrorUnder(save.error, `callRouting.${field}`);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const callRouting = number.trim()
      ? { number: number.trim(), greeting: greeting.trim() || null, ringSeconds: Number(ringSeconds), voicemail }
      : null;
    await saveBody({ callRouting });
  }

  return (
    <form className="panel service-form" aria-labelledby="service-calls-heading" onSubmit={submit} noValidate>
      <h2 id="service-calls-heading">Call routing</h2>
      <p className="muted">
        A call to this number opens an incident on {service.name} and rings whoever is on call, level by level; the
        person who presses 1 takes the call and acknowledges the incident. Nobody reached: the caller leaves a
        voicemail.
      </p>
      <fieldset disabled={readOnly}>
        <Field
          label="Twilio phone number"
          hint="In international form, e.g. +14155552671. Leave empty to take no calls."
          error={error("number")}
        >
          <input type="tel" value={number} onChange={(e) => edit(setNumber)(e.target.value)} />
        </Field>
        <Field label="Greeting" hint="Said to the caller first (up to 300 characters)." error={error("greeting")}>
          <textarea rows={2} maxLength={300} value={greeting} onChange={(e) => edit(setGreeting)(e.target.value)} />
        </Field>
        <Field label="Ring each level for (seconds)" hint="10 to 60." error={error("ringSeconds")}>
          <input
            type="number"
            min={10}
            max={60}
            value={ringSeconds}
            onChange={(e) => edit(setRingSeconds)(e.target.value)}
          />
        </Field>
        <label className="check">
          <input type="checkbox" checked={voicemail} onChange={(e) => edit(setVoicemail)(e.target.checked)} />
          Take a voicemail when nobody answers
        </label>
      </fieldset>
      <p className="muted">In Twilio, set the number's Voice URL (“A call comes in”, HTTP POST) to:</p>
      <CopyValue label="Voice URL" value={service.endpoints.voice} />
      {save.error && !FIELDS.some((f) => fieldErrorUnder(save.error, f)) && <ErrorMessage error={save.error} />}
      {!readOnly && <SaveServiceRow label="Save call routing" pending={save.isPending} saved={saved} />}
    </form>
  );
}
