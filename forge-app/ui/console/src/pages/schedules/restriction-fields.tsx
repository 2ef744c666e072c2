// One layer's restrictions: the local windows it is limited to (days, from, to), added and removed.
import { Field } from "../../components/field.tsx";
import { newRestriction, removed, replaced, WEEKDAYS, type LayerDraft, type RestrictionDraft } from "./draft.ts";

const DAY_NAMES: Record<string, string> = {
  mon: "Mon",
  tue: "Tue",
  wed: "Wed",
  thu: "Thu",
  fri: "Fri",
  sat: "Sat",
  sun: "Sun",
};

export function RestrictionFields({
  layer,
  layerNumber,
  path,
  errorAt,
  onChange,
}: {
  layer: LayerDraft;
  layerNumber: number;
  path: string;
  errorAt: (path: string) => string | null;
  onChange: (restrictions: RestrictionDraft[]) => void;
}) {
  const list = layer.restrictions;
  const set = (i: number, r: RestrictionDraft) => onChange(replaced(list, i, r));
  return (
    <div className="restrictions">
      <div className="spread">
        <h4>Restrictions</h4>
        <button type="button" onClick={() => onChange([...list, newRestriction()])}>
          Add restriction
          <span className="visually-hidden"> to layer {layerNumber}</span>
        </button>
      </div>
      {list.length === 0 && <p className="muted">On call around the clock. Add a restriction to limit the hours.</p>}
      {list.map((r, i) => {
        const at = `${path}[${i}]`;
        const daysError = errorAt(`${at}.days`);
        return (
          <fieldset key={r.key} className="restriction">
            <legend>
              Restriction {i + 1}
              <span className="visually-hidden"> of layer {layerNumber}</span>
            </legend>
            <fieldset className="days" aria-describedby={daysError ? `${at}-days-error` : undefined}>
              <legend>Days</legend>
              {WEEKDAYS.map((day) => (
                <label key={day} className="check">
                  <input
                    type="checkbox"
                    checked={r.days.includes(day)}
                    onChange={(e) =>
                      set(i, {
                        ...r,
                        days: e.target.checked ? [...r.days, day] : r.days.filter((d) => d !== day),
                      })
                    }
                  />
                  {DAY_NAMES[day]}
                </label>
              ))}
              {daysError && (
                <small id={`${at}-days-error`} className="field-error" role="alert">
                  {daysError}
                </small>
              )}
            </fieldset>
            <Field label="From" error={errorAt(`${at}.from`)}>
              <input type="time" value={r.from} onChange={(e) => set(i, { ...r, from: e.target.value })} />
            </Field>
            <Field label="To" error={errorAt(`${at}.to`)}>
              <input type="time" value={r.to} onChange={(e) => set(i, { ...r, to: e.target.value })} />
            </Field>
            <button type="button" className="subtle" onClick={() => onChange(removed(list, i))}>
              Remove restriction {i + 1}
              <span className="visually-hidden"> of layer {layerNumber}</span>
            </button>
          </fieldset>
        );
      })}
    </div>
  );
}
