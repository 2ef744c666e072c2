import { useState } from "react";
import type { Directory } from "../../api/policies.ts";
import type { SubscriberTarget } from "../../api/stakeholders.ts";
import { ChipList } from "../../components/chip-list.tsx";
import { Field } from "../../components/field.tsx";
import { subscriberKey, targetOfChoice, type SubscriberChoice } from "./play-draft.ts";

/**
 * One subscriber to add: a person or a team from the directory, or "An e-mail address…", which shows a field for
 * it. `taken` keys (subscriberKey) are left out of the list.
 */
export function SubscriberChoiceFields({
  directory,
  value,
  onChange,
  taken = new Set(),
  label = "Person, team or e-mail address",
  error,
}: {
  directory: Directory;
  value: SubscriberChoice;
  onChange: (value: SubscriberChoice) => void;
  taken?: ReadonlySet<string>;
  label?: string;
  error?: string | null;
}) {
  const option = (key: string, name: string) =>
    taken.has(key) ? null : (
      <option key={key} value={key}>
        {name}
      </option>
    );
  return (
    <>
      <Field label={label} error={value.choice === "email" ? null : error}>
        <select value={value.choice} onChange={(e) => onChange({ ...value, choice: e.target.value })}>
          <option value="">Choose…</option>
          <optgroup label="People">{directory.people.map((u) => option(`user:${u.id}`, u.name))}</optgroup>
          <optgroup label="Teams">{directory.teams.map((t) => option(`team:${t.id}`, t.name))}</optgroup>
          <option value="email">An e-mail address…</option>
        </select>
      </Field>
      {value.choice === "email" && (
        <Field label="E-mail address" error={error}>
          <input
            type="email"
            autoComplete="off"
            value={value.email}
            placeholder="execs@example.com"
            onChange={(e) => onChange({ ...value, email: e.target.value })}
          />
        </Field>
      )}
    </>
  );
}

/** A subscriber's name: the person's or the team's, or the address itself. */
export function subscriberName(directory: Directory, target: SubscriberTarget): string {
  if ("userId" in target) return directory.personName(target.userId);
  if ("teamId" in target) return directory.targetName({ type: "team", id: target.teamId });
  return target.email;
}

/** A list of subscribers being edited (a play's, a service's defaults): chips, and a picker with "Add subscriber". */
export function SubscribersEditor({
  directory,
  value,
  onChange,
  legend = "Subscribers",
  hint,
  error,
  disabled = false,
}: {
  directory: Directory;
  value: SubscriberTarget[];
  onChange: (value: SubscriberTarget[]) => void;
  legend?: string;
  hint?: string;
  error?: string | null;
  disabled?: boolean;
}) {
  const [choice, setChoice] = useState<SubscriberChoice>({ choice: "", email: "" });
  const target = targetOfChoice(choice);
  const taken = new Set(value.map(subscriberKey));
  const add = () => {
    if (!target || taken.has(subscriberKey(target))) return;
    onChange([...value, target]);
    setChoice({ choice: choice.choice === "email" ? "email" : "", email: "" });
  };
  return (
    <fieldset className="list-editor">
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <ChipList
        label={legend}
        from={legend}
        chips={value.map((t) => ({ key: subscriberKey(t), name: subscriberName(directory, t) }))}
        empty="Nobody yet."
        onRemove={disabled ? undefined : (key) => onChange(value.filter((t) => subscriberKey(t) !== key))}
      />
      {!disabled && (
        <div className="row list-editor-add">
          <SubscriberChoiceFields
            directory={directory}
            value={choice}
            onChange={setChoice}
            taken={taken}
            label={`Add to ${legend.toLowerCase()}`}
          />
          <button type="button" className="field-button" disabled={!target} onClick={add}>
            Add subscriber
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
