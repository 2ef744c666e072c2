// The schedule editor: name, time zone and layers, checked and previewed as they are typed with the service's
// own parser, saved whole (POST for a new schedule, PUT keeping the stored overrides). Problems, the browser's
// or the API's, show beside their fields.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import type { Person, Schedule } from "../../api/oncall.ts";
import { useSaveSchedule, type ScheduleBody } from "../../api/schedules.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { ApiError } from "../../transport/transport.ts";
import { definitionOf, draftOf, emptyDraft, newLayer, removed, replaced, type ScheduleDraft } from "./draft.ts";
import { LayerFields } from "./layer-fields.tsx";
import { preview } from "./preview.ts";
import { SchedulePreview } from "./schedule-preview.tsx";

const ZONES: readonly string[] = Intl.supportedValuesOf("timeZone");

export function ScheduleEditor({
  schedule,
  people,
  canEdit,
  savedBefore = false,
}: {
  schedule: Schedule | null;
  people: readonly Person[];
  canEdit: boolean;
  /** Just created (the page moved from /schedules/new to the schedule's own path). */
  savedBefore?: boolean;
}) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ScheduleDraft>(() => (schedule ? draftOf(schedule) : emptyDraft()));
  const [notice, setNotice] = useState(savedBefore ? "Schedule saved." : "");
  const [tried, setTried] = useState(false);
  // "Saved" belongs to the save just made, not to a later reload of this address: forget it once shown.
  useEffect(() => {
    if (savedBefore) void navigate(".", { replace: true, state: null });
  }, [savedBefore, navigate]);
  const save = useSaveSchedule(schedule?.id ?? null);
  const overrides = useMemo(() => schedule?.overrides ?? [], [schedule]);
  const definition = useMemo(() => ({ ...definitionOf(draft), overrides }), [draft, overrides]);
  const [now] = useState(() => new Date());
  const result = useMemo(() => preview(definition, now), [definition, now]);

  const nameOf = useMemo(() => {
    const names = new Map(people.map((p) => [p.id, p.name]));
    return (id: string) => names.get(id) ?? id;
  }, [people]);
  const colourOf = useMemo(() => {
    const order = [...new Set(draft.layers.flatMap((l) => l.users))];
    return (id: string) => order.indexOf(id);
  }, [draft]);
  // The browser's check first (it follows every edit); the API's answer for what only it knows (the name).
  const errorAt = (path: string) =>
    result.problems.find((p) => p.path === path)?.message ??
    (save.error instanceof ApiError && !save.isPending ? fieldError(save.error, path) : null);
  const zones = ZONES.includes(draft.timeZone) ? ZONES : [draft.timeZone, ...ZONES];
  const nameError = !draft.name.trim() && tried ? "Give the schedule a name." : errorAt("name");
  const unplaced = result.problems.filter((p) => !placed(p.path));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setNotice("");
    if (!draft.name.trim() || result.problems.length > 0) return;
    // parseSchedule accepted the definition, so every shift length is a number by now.
    save.mutate({ name: draft.name.trim(), ...definition } as ScheduleBody, {
      onSuccess: (saved) => {
        setNotice("Schedule saved.");
        if (!schedule) void navigate(`/schedules/${saved.id}`, { replace: true, state: { saved: true } });
      },
    });
  };

  return (
    <div className="schedule-editor">
      <form aria-label="Schedule" onSubmit={submit} noValidate>
        <fieldset disabled={!canEdit} className="schedule-form">
          <legend className="visually-hidden">Schedule</legend>
          <div className="panel schedule-basics">
            <Field label="Name" error={nameError}>
              <input
                value={draft.name}
                maxLength={255}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            </Field>
            <Field label="Time zone" error={errorAt("timeZone")} hint="Rotation starts and restrictions use it.">
              <select value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <h2>Layers</h2>
          <p className="muted">
            Later layers take precedence: where a later layer has someone on call, they are paged.
          </p>
          {draft.layers.map((layer, i) => (
            <LayerFields
              key={layer.key}
              layer={layer}
              index={i}
              timeZone={draft.timeZone}
              people={people}
              nameOf={nameOf}
              errorAt={errorAt}
              onChange={(l) => setDraft({ ...draft, layers: replaced(draft.layers, i, l) })}
              onRemove={draft.layers.length > 1 ? () => setDraft({ ...draft, layers: removed(draft.layers, i) }) : null}
            />
          ))}
          {errorAt("layers") && <p className="field-error">{errorAt("layers")}</p>}
          {unplaced.map((p) => (
            <p key={p.path} className="field-error">
              {p.path}: {p.message}
            </p>
          ))}
          <div className="row schedule-actions">
            <button type="button" onClick={() => setDraft({ ...draft, layers: [...draft.layers, newLayer()] })}>
              Add layer
            </button>
            {canEdit && (
              <button type="submit" className="primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : schedule ? "Save schedule" : "Create schedule"}
              </button>
            )}
          </div>
        </fieldset>
        {!canEdit && <p className="muted">Only admins change schedules.</p>}
        <ErrorMessage error={save.error} />
        <p role="status" className="schedule-notice">
          {notice}
        </p>
      </form>
      <SchedulePreview
        shifts={result.shifts}
        timeZone={draft.timeZone}
        nameOf={nameOf}
        colourOf={colourOf}
        invalid={result.problems.length > 0}
      />
    </div>
  );
}

/** Whether the form shows a problem at `path` beside a field (else it is listed under the layers). */
function placed(path: string): boolean {
  return (
    path === "timeZone" ||
    path === "layers" ||
    /^layers\[\d+\]\.(users|rotation\.(type|shiftLength|start)|restrictions\[\d+\]\.(days|from|to))$/.test(path)
  );
}
