// One layer of the schedule editor: its rotation (type, shift length, start), its people in hand-off order
// (added from the people list, removed, moved up and down) and its restrictions.
import { useState } from "react";
import type { Person } from "../../api/oncall.ts";
import { Field } from "../../components/field.tsx";
import { moved, removed, type LayerDraft, type RotationType } from "./draft.ts";
import { RestrictionFields } from "./restriction-fields.tsx";

const UNITS: Record<RotationType, string> = { hourly: "hours", daily: "days", weekly: "weeks" };

export function LayerFields({
  layer,
  index,
  timeZone,
  people,
  nameOf,
  errorAt,
  onChange,
  onRemove,
}: {
  layer: LayerDraft;
  index: number;
  timeZone: string;
  people: readonly Person[];
  nameOf: (id: string) => string;
  errorAt: (path: string) => string | null;
  onChange: (layer: LayerDraft) => void;
  onRemove: (() => void) | null;
}) {
  const n = index + 1;
  const path = `layers[${index}]`;
  const [adding, setAdding] = useState("");
  const candidates = people.filter((p) => p.active !== false && !layer.users.includes(p.id));
  const setUsers = (users: string[]) => onChange({ ...layer, users });
  const usersError = errorAt(`${path}.users`);

  return (
    <fieldset className="layer panel">
      <legend>Layer {n}</legend>
      {onRemove && (
        <button type="button" className="subtle layer-remove" onClick={onRemove}>
          Remove layer {n}
        </button>
      )}
      <div className="layer-rotation">
        <Field label="Rotation type" error={errorAt(`${path}.rotation.type`)}>
          <select value={layer.type} onChange={(e) => onChange({ ...layer, type: e.target.value as RotationType })}>
            <option value="hourly">Hourly</option>
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
          </select>
        </Field>
        <Field label={`Shift length (${UNITS[layer.type]})`} error={errorAt(`${path}.rotation.shiftLength`)}>
          <input
            type="number"
            min={1}
            inputMode="numeric"
            value={layer.shiftLength}
            onChange={(e) => onChange({ ...layer, shiftLength: e.target.value })}
          />
        </Field>
        <Field label="Rotation start" hint={`Local time in ${timeZone}`} error={errorAt(`${path}.rotation.start`)}>
          <input
            type="datetime-local"
            value={layer.start}
            onChange={(e) => onChange({ ...layer, start: e.target.value })}
          />
        </Field>
      </div>

      <h4 id={`layer-${layer.key}-people`}>People, in hand-off order</h4>
      {layer.users.length === 0 ? (
        <p className="muted">Nobody yet.</p>
      ) : (
        <ol className="layer-users" aria-labelledby={`layer-${layer.key}-people`}>
          {layer.users.map((id, i) => (
            <li key={id}>
              <span className="layer-user">{nameOf(id)}</span>
              <button
                type="button"
                className="subtle"
                aria-label={`Move ${nameOf(id)} up`}
                disabled={i === 0}
                onClick={() => setUsers(moved(layer.users, i, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="subtle"
                aria-label={`Move ${nameOf(id)} down`}
                disabled={i === layer.users.length - 1}
                onClick={() => setUsers(moved(layer.users, i, 1))}
              >
                ↓
              </button>
              <button type="button" className="subtle" onClick={() => setUsers(removed(layer.users, i))}>
                Remove{" "}
                <span className="visually-hidden">
                  {nameOf(id)} from layer {n}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {usersError && (
        <small className="field-error" role="alert">
          {usersError}
        </small>
      )}
      <div className="layer-add">
        <Field label={`Add person to layer ${n}`}>
          <select value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a person…</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <button
          type="button"
          disabled={!adding}
          onClick={() => {
            setUsers([...layer.users, adding]);
            setAdding("");
          }}
        >
          Add
          <span className="visually-hidden"> to layer {n}</span>
        </button>
      </div>

      <RestrictionFields
        layer={layer}
        layerNumber={n}
        path={`${path}.restrictions`}
        errorAt={errorAt}
        onChange={(restrictions) => onChange({ ...layer, restrictions })}
      />
    </fieldset>
  );
}
