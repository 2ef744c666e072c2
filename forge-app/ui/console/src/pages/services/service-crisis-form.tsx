import { useState, type FormEvent } from "react";
import { useDirectory } from "../../api/policies.ts";
import { useResponsePlays } from "../../api/response-plays.ts";
import type { Service } from "../../api/services.ts";
import { ErrorMessage, fieldError, fieldErrorUnder } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { BridgeFields } from "../response-plays/bridge-fields.tsx";
import { bareTarget, bridgeOf } from "../response-plays/play-draft.ts";
import { SubscribersEditor } from "../response-plays/subscriber-picker.tsx";
import "../response-plays/response-plays.css";
import { useServiceForm } from "./use-save-service.ts";
import { SaveServiceRow } from "./save-service-row.tsx";

const FIELDS = ["responsePlayId", "conferenceBridge", "subscribers"];

/** "Crisis communications": the play run on each new incident, the conference bridge, the default subscribers. */
export function ServiceCrisisForm({ service, readOnly }: { service: Service; readOnly: boolean }) {
  const plays = useResponsePlays();
  const { directory, error: directoryError } = useDirectory();
  const [playId, setPlayId] = useState(service.responsePlayId ?? "");
  const [url, setUrl] = useState(service.conferenceBridge?.url ?? "");
  const [dialIn, setDialIn] = useState(service.conferenceBridge?.dialIn ?? "");
  const [subscribers, setSubscribers] = useState(service.subscribers.map(bareTarget));
  const { save, saved, touch, saveBody } = useServiceForm(service.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { responsePlayId: playId || null, conferenceBridge: bridgeOf(url, dialIn), subscribers };
    await saveBody(body);
  }

  return (
    <form className="panel service-form" aria-labelledby="service-crisis-heading" onSubmit={submit} noValidate>
      <h2 id="service-crisis-heading">Crisis communications</h2>
      <Field
        label="Run automatically when an incident opens"
        hint="The response play run on every new incident on this service."
        error={fieldErrorUnder(save.error, "responsePlayId")}
      >
        <select
          value={playId}
          disabled={readOnly}
          onChange={(e) => {
            setPlayId(e.target.value);
            touch();
          }}
        >
          <option value="">No play</option>
          {plays.data?.responsePlays.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <BridgeFields
        url={url}
        dialIn={dialIn}
        disabled={readOnly}
        hint="Every incident on this service shows it, unless its play sets another."
        onChange={(u, d) => {
          setUrl(u);
          setDialIn(d);
          touch();
        }}
        error={(f) =>
          fieldErrorUnder(save.error, `conferenceBridge.${f}`) ??
          (f === "url" ? fieldError(save.error, "conferenceBridge") : null)
        }
      />
      <SubscribersEditor
        directory={directory}
        legend="Default subscribers"
        hint="Added to every incident on this service as stakeholders; never paged."
        value={subscribers}
        disabled={readOnly}
        onChange={(next) => {
          setSubscribers(next);
          touch();
        }}
        error={fieldErrorUnder(save.error, "subscribers")}
      />
      {save.error && !FIELDS.some((f) => fieldErrorUnder(save.error, f)) && <ErrorMessage error={save.error} />}
      <ErrorMessage error={plays.error ?? directoryError} />
      {!readOnly && <SaveServiceRow label="Save crisis communications" pending={save.isPending} saved={saved} />}
    </form>
  );
}
