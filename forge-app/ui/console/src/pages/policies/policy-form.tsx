import { useId, useState, type FormEvent } from "react";
import { useSavePolicy, type Directory, type Policy, type PolicyBody } from "../../api/policies.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { LevelEditor, type LevelDraft } from "./level-editor.tsx";
import { FormActions } from "../../components/form-actions.tsx";

let nextKey = 1;
const draftOf = (delayMinutes: number, targets: LevelDraft["targets"]): LevelDraft => ({
  key: nextKey++,
  delay: String(delayMinutes),
  targets,
});

/** The policy editor: name, repeat and levels, sent whole (POST for a new policy, PUT for an existing one). */
export function PolicyForm({
  policy,
  directory,
  onDone,
}: {
  policy: Policy | null;
  directory: Directory;
  onDone: () => void;
}) {
  const headingId = useId();
  const save = useSavePolicy(policy?.id ?? null);
  const [name, setName] = useState(policy?.name ?? "");
  const [repeat, setRepeat] = useState(String(policy?.repeat ?? 0));
  const [levels, setLevels] = useState<LevelDraft[]>(() =>
    policy ? policy.levels.map((l) => draftOf(l.delayMinutes, l.targets)) : [draftOf(5, [])],
  );
  const title = policy ? `Edit ${policy.name}` : "New escalation policy";

  const update = (index: number, level: LevelDraft) => setLevels(levels.map((l, i) => (i === index ? level : l)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...levels];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    setLevels(next);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: PolicyBody = {
      name,
      repeat: Number(repeat),
      levels: levels.map((l) => ({ delayMinutes: l.delay === "" ? NaN : Number(l.delay), targets: l.targets })),
    };
    if (
      await save.mutateAsync(body).then(
        () => true,
        () => false,
      )
    )
      onDone();
  }

  const shown = new Set(["name", "repeat", "levels"]);
  levels.forEach((_, i) => ["delayMinutes", "targets"].forEach((f) => shown.add(`levels[${i}].${f}`)));
  const other = save.error && ![...shown].some((path) => fieldError(save.error, path));

  return (
    <section className="panel policy-editor" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {title}
      </h2>
      <form aria-labelledby={headingId} onSubmit={submit} noValidate>
        <div className="row policy-head">
          <Field label="Name" error={fieldError(save.error, "name")}>
            <input className="name-input" value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <Field
            label="Repeat"
            hint="Times to start over from level 1 when nobody acknowledges (0–5)"
            error={fieldError(save.error, "repeat")}
          >
            <input
              type="number"
              className="repeat-input"
              min={0}
              max={5}
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </Field>
        </div>
        {fieldError(save.error, "levels") && <p className="field-error">{fieldError(save.error, "levels")}</p>}
        {levels.map((level, i) => (
          <LevelEditor
            key={level.key}
            level={level}
            index={i}
            count={levels.length}
            directory={directory}
            error={(field) => fieldError(save.error, `levels[${i}].${field}`)}
            onChange={(l) => update(i, l)}
            onMove={(by) => move(i, by)}
            onRemove={() => setLevels(levels.filter((_, j) => j !== i))}
          />
        ))}
        <button type="button" onClick={() => setLevels([...levels, draftOf(10, [])])}>
          Add level
        </button>
        {other && <ErrorMessage error={save.error} />}
        <FormActions pending={save.isPending} label={policy ? "Save policy" : "Create policy"} onCancel={onDone} />
      </form>
    </section>
  );
}
