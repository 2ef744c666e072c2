// The override form: who covers, whom they take over from (whoever is on call, one person of the rotation, or
// nobody: they join whoever is on call), from when to when. Opened by "Add override" or by dragging across the calendar, which prefills the times.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { DAY_MS } from "../../../../../../sync-service/src/domain/clock.ts";
import { useAddOverride, type Person, type Schedule } from "../../api/oncall.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";

export interface OverrideDraft {
  readonly start: Date | null;
  readonly end: Date | null;
  readonly replaces: string | null;
}

type FieldName = "user" | "replaces" | "add" | "start" | "end";
const FIELDS: FieldName[] = ["user", "replaces", "add", "start", "end"];
/** The "Replaces" choice that keeps whoever is on call and adds the covering person beside them. */
const BESIDE = "\u0000beside";

const pad = (n: number) => String(n).padStart(2, "0");
/** A Date as the value of `<input type="datetime-local">`, in the reader's time zone. */
export const toLocalInput = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
/** `datetime-local` values have no offset; ECMAScript reads them as local time. */
const fromLocalInput = (value: string): Date | null => {
  const d = value ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

function defaultTimes(): { start: Date; end: Date } {
  const start = new Date();
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

export function OverrideForm({
  schedule,
  people,
  rostered,
  nameOf,
  draft,
  onDone,
}: {
  schedule: Schedule;
  people: Person[];
  rostered: string[];
  nameOf: (id: string) => string;
  draft: OverrideDraft;
  onDone: (saved: boolean) => void;
}) {
  const add = useAddOverride(schedule.id);
  const fallback = defaultTimes();
  const [user, setUser] = useState("");
  const [replaces, setReplaces] = useState(draft.replaces ?? "");
  const [start, setStart] = useState(toLocalInput(draft.start ?? fallback.start));
  const [end, setEnd] = useState(toLocalInput(draft.end ?? fallback.end));
  const [problems, setProblems] = useState<Partial<Record<FieldName, string>>>({});
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const candidates = [...people.map((p) => p.id), ...rostered.filter((id) => !people.some((p) => p.id === id))];
  const errorOf = (field: FieldName) => problems[field] ?? fieldError(add.error, field);
  const unplaced = add.error && !FIELDS.some((f) => fieldError(add.error, f));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const from = fromLocalInput(start);
    const to = fromLocalInput(end);
    const found: Partial<Record<FieldName, string>> = {};
    if (!user) found.user = "Choose who covers.";
    if (user && user === replaces) found.user = "Someone cannot cover for themselves.";
    if (!from) found.start = "Give a start date and time.";
    if (!to) found.end = "Give an end date and time.";
    else if (from && to <= from) found.end = "Must be after the start.";
    setProblems(found);
    if (Object.keys(found).length > 0 || !from || !to) return;
    const whom = replaces === BESIDE ? { add: true } : replaces ? { replaces } : {};
    add.mutate({ user, ...whom, start: from.toISOString(), end: to.toISOString() }, { onSuccess: () => onDone(true) });
  };

  return (
    <form className="panel oncall-form" aria-labelledby="override-form-heading" onSubmit={submit} noValidate>
      <h3 id="override-form-heading">New override</h3>
      {unplaced && <ErrorMessage error={add.error} />}
      <div className="row">
        <Field label="Covering person" error={errorOf("user")}>
          <select ref={first} value={user} onChange={(e) => setUser(e.target.value)} required>
            <option value="">Choose…</option>
            {candidates.map((id) => (
              <option key={id} value={id}>
                {nameOf(id)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Replaces"
          error={errorOf("replaces") ?? errorOf("add")}
          hint="They take over the shift; or choose “Nobody” to page them beside whoever is on call."
        >
          <select value={replaces} onChange={(e) => setReplaces(e.target.value)}>
            <option value="">Whoever is on call</option>
            {rostered.map((id) => (
              <option key={id} value={id}>
                Only {nameOf(id)}
              </option>
            ))}
            <option value={BESIDE}>Nobody (both are on call)</option>
          </select>
        </Field>
        <Field label="Starts" error={errorOf("start")}>
          <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />
        </Field>
        <Field label="Ends" error={errorOf("end")}>
          <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} required />
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={add.isPending}>
          {add.isPending ? "Saving…" : "Save override"}
        </button>
        <button type="button" className="subtle" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
