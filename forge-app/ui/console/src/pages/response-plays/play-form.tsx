import { useId, useState, type FormEvent } from "react";
import type { Directory } from "../../api/policies.ts";
import { useSavePlay, type ResponsePlay } from "../../api/response-plays.ts";
import { ErrorMessage, fieldError, fieldErrorUnder as errorUnder } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { BridgeFields } from "./bridge-fields.tsx";
import { bodyOfDraft, draftOfPlay, type PlayDraft } from "./play-draft.ts";
import { RespondersEditor } from "./responders-editor.tsx";
import { SubscribersEditor } from "./subscriber-picker.tsx";
import { FormActions } from "../../components/form-actions.tsx";

const FIELDS = ["name", "addResponders", "addSubscribers", "conferenceBridge", "postToChannel", "statusUpdate"];

/** The play editor: every step of the play, sent whole (POST for a new play, PUT for an existing one). */
export function PlayForm({
  play,
  directory,
  onDone,
}: {
  play: ResponsePlay | null;
  directory: Directory;
  onDone: () => void;
}) {
  const headingId = useId();
  const save = useSavePlay(play?.id ?? null);
  const [draft, setDraft] = useState<PlayDraft>(() => draftOfPlay(play));
  const set = (change: Partial<PlayDraft>) => setDraft({ ...draft, ...change });
  const title = play ? `Edit ${play.name}` : "New response play";
  const other = save.error && !FIELDS.some((f) => errorUnder(save.error, f));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (
      await save.mutateAsync(bodyOfDraft(draft)).then(
        () => true,
        () => false,
      )
    )
      onDone();
  }

  return (
    <section className="panel play-editor" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {title}
      </h2>
      <form aria-labelledby={headingId} onSubmit={submit} noValidate>
        <Field label="Name" error={errorUnder(save.error, "name")}>
          <input className="name-input" value={draft.name} onChange={(e) => set({ name: e.target.value })} required />
        </Field>
        <div className="play-editor-lists">
          <RespondersEditor
            directory={directory}
            value={draft.responders}
            onChange={(responders) => set({ responders })}
            error={errorUnder(save.error, "addResponders")}
          />
          <SubscribersEditor
            directory={directory}
            value={draft.subscribers}
            onChange={(subscribers) => set({ subscribers })}
            hint="Told of the incident and sent its status updates; never paged."
            error={errorUnder(save.error, "addSubscribers")}
          />
        </div>
        <BridgeFields
          url={draft.bridgeUrl}
          dialIn={draft.dialIn}
          onChange={(bridgeUrl, dialIn) => set({ bridgeUrl, dialIn })}
          error={(f) =>
            errorUnder(save.error, `conferenceBridge.${f}`) ??
            (f === "url" ? fieldError(save.error, "conferenceBridge") : null)
          }
          hint="Set on the incident, shown at the top of its page, in its Slack channel and in every page."
        />
        <Field
          label="Post in the incident's Slack channel"
          hint="Left empty, the play posts nothing."
          error={errorUnder(save.error, "postToChannel")}
        >
          <textarea rows={2} value={draft.postToChannel} onChange={(e) => set({ postToChannel: e.target.value })} />
        </Field>
        <Field
          label="Status update to stakeholders"
          hint="Sent to every subscriber when the play runs. Left empty, none is sent."
          error={errorUnder(save.error, "statusUpdate")}
        >
          <textarea rows={2} value={draft.statusUpdate} onChange={(e) => set({ statusUpdate: e.target.value })} />
        </Field>
        {other && <ErrorMessage error={save.error} />}
        <FormActions pending={save.isPending} label={play ? "Save play" : "Create play"} onCancel={onDone} />
      </form>
    </section>
  );
}
