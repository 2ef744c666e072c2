import { useState } from "react";
import type { Directory, PolicyTarget, TargetType } from "../../api/policies.ts";
import { ChipList } from "../../components/chip-list.tsx";
import { Field } from "../../components/field.tsx";

/** A level being edited: the delay as typed (checked by the API) and its targets. */
export interface LevelDraft {
  key: number;
  delay: string;
  targets: PolicyTarget[];
}

const encode = (t: PolicyTarget) => `${t.type}:${t.id}`;
const decode = (value: string): PolicyTarget => {
  const [type, id] = value.split(":") as [TargetType, string];
  return { type, id };
};

/**
 * One level of the policy form: its delay, its targets as removable chips and a picker (people, teams,
 * schedules) with "Add target", and buttons to move or remove the level. `error(path)` is the API's message
 * for a field under `levels.<index>`.
 */
export function LevelEditor({
  level,
  index,
  count,
  directory,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  level: LevelDraft;
  index: number;
  count: number;
  directory: Directory;
  error: (field: "delayMinutes" | "targets") => string | null;
  onChange: (level: LevelDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const [pick, setPick] = useState("");
  const label = `Level ${index + 1}`;
  const chosen = new Set(level.targets.map(encode));
  const option = (t: PolicyTarget, name: string) =>
    chosen.has(encode(t)) ? null : (
      <option key={encode(t)} value={encode(t)}>
        {name}
      </option>
    );

  return (
    <fieldset className="policy-level">
      <legend>{label}</legend>
      <div className="row">
        <Field label="Escalates after (minutes)" error={error("delayMinutes")}>
          <input
            type="number"
            min={1}
            inputMode="numeric"
            className="delay-input"
            value={level.delay}
            onChange={(e) => onChange({ ...level, delay: e.target.value })}
          />
        </Field>
        <Field label="Target" error={error("targets")}>
          <select value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">Choose a person, team or schedule…</option>
            <optgroup label="People">
              {directory.people.map((u) => option({ type: "user", id: u.id }, u.name))}
            </optgroup>
            <optgroup label="Teams">{directory.teams.map((t) => option({ type: "team", id: t.id }, t.name))}</optgroup>
            <optgroup label="Schedules">
              {directory.schedules.map((s) => option({ type: "schedule", id: s.id }, s.name))}
            </optgroup>
          </select>
        </Field>
        <button
          type="button"
          className="field-button"
          disabled={!pick}
          onClick={() => {
            onChange({ ...level, targets: [...level.targets, decode(pick)] });
            setPick("");
          }}
        >
          Add target<span className="visually-hidden"> to {label}</span>
        </button>
        <div className="policy-level-actions">
          <button type="button" className="subtle" disabled={index === 0} onClick={() => onMove(-1)}>
            Move up<span className="visually-hidden"> {label}</span>
          </button>
          <button type="button" className="subtle" disabled={index === count - 1} onClick={() => onMove(1)}>
            Move down<span className="visually-hidden"> {label}</span>
          </button>
          <button type="button" className="subtle" disabled={count === 1} onClick={onRemove}>
            Remove<span className="visually-hidden"> {label}</span>
          </button>
        </div>
      </div>
      <ChipList
        label={`Targets of ${label}`}
        from={label}
        chips={level.targets.map((t) => ({ key: encode(t), name: directory.targetName(t) }))}
        empty="No targets yet: add who this level pages."
        onRemove={(key) => onChange({ ...level, targets: level.targets.filter((x) => encode(x) !== key) })}
      />
    </fieldset>
  );
}
