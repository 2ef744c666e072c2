import { useState } from "react";
import type { Directory } from "../../api/policies.ts";
import type { PlayResponder, ResponderType } from "../../api/response-plays.ts";
import { ChipList } from "../../components/chip-list.tsx";
import { Field } from "../../components/field.tsx";
import { responderKey } from "./play-draft.ts";

/** The responders a play pages: chips, and a picker of people, teams and schedules (whoever is on call). */
export function RespondersEditor({
  directory,
  value,
  onChange,
  error,
}: {
  directory: Directory;
  value: PlayResponder[];
  onChange: (value: PlayResponder[]) => void;
  error?: string | null;
}) {
  const [pick, setPick] = useState("");
  const taken = new Set(value.map(responderKey));
  const option = (type: ResponderType, id: string, name: string) =>
    taken.has(`${type}:${id}`) ? null : (
      <option key={id} value={`${type}:${id}`}>
        {name}
      </option>
    );
  const add = () => {
    const at = pick.indexOf(":");
    onChange([...value, { type: pick.slice(0, at) as ResponderType, id: pick.slice(at + 1) }]);
    setPick("");
  };
  return (
    <fieldset className="list-editor">
      <legend>Responders</legend>
      <p className="field-hint">Paged when the play runs; a schedule pages whoever is on call.</p>
      <ChipList
        label="Responders"
        from="responders"
        chips={value.map((r) => ({ key: responderKey(r), name: directory.targetName(r) }))}
        empty="Nobody yet."
        onRemove={(key) => onChange(value.filter((r) => responderKey(r) !== key))}
      />
      <div className="row list-editor-add">
        <Field label="Add a responder">
          <select value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">Choose a person, team or schedule…</option>
            <optgroup label="People">{directory.people.map((u) => option("user", u.id, u.name))}</optgroup>
            <optgroup label="Teams">{directory.teams.map((t) => option("team", t.id, t.name))}</optgroup>
            <optgroup label="Schedules">{directory.schedules.map((s) => option("schedule", s.id, s.name))}</optgroup>
          </select>
        </Field>
        <button type="button" className="field-button" disabled={!pick} onClick={add}>
          Add responder
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
