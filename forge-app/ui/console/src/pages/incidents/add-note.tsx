import { useState, type FormEvent } from "react";
import { useApiMutation } from "../../api/hooks.ts";
import { incidentPath, type Incident, type NoteBody } from "../../api/incidents.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { useSession } from "../../session.tsx";

/** A responder's note on the incident's timeline. */
export function AddNote({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const [body, setBody] = useState("");
  const note = useApiMutation<NoteBody>("POST", `${incidentPath(incident.key)}/notes`);
  if (!can("responder")) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (
      await note.mutateAsync({ body }).then(
        () => true,
        () => false,
      )
    )
      setBody("");
  }
  return (
    <form onSubmit={submit} aria-label="Add a note">
      {note.error && !fieldError(note.error, "body") && <ErrorMessage error={note.error} />}
      <Field label="Note" error={fieldError(note.error, "body")}>
        <textarea value={body} onChange={(e) => setBody(e.target.value)} placeholder="What did you find or do?" />
      </Field>
      <button type="submit" className="primary" disabled={note.isPending}>
        Add note
      </button>
    </form>
  );
}
