import { useState, type FormEvent } from "react";
import type { Incident } from "../../api/incidents.ts";
import { useResponsePlays, useRunPlay, type PlayRun } from "../../api/response-plays.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { Lozenge } from "../../components/lozenge.tsx";
import { describeStep, runSummary } from "./crisis-wording.ts";

/** "Run a play": pick one of the tenant's response plays, run it on the incident, and see what each step did. */
export function RunPlay({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const plays = useResponsePlays();
  const run = useRunPlay(incident.key);
  const [playId, setPlayId] = useState("");
  const list = plays.data?.responsePlays ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (playId) run.mutate(playId);
  }

  return (
    <div className="run-play">
      <form className="response-form" aria-label="Run a play" onSubmit={submit}>
        {plays.data && list.length === 0 ? (
          <p className="muted">No response plays yet: an admin writes them under Settings → Response plays.</p>
        ) : (
          <Field label="Response play">
            <select
              value={playId}
              onChange={(e) => {
                setPlayId(e.target.value);
                run.reset();
              }}
              required
            >
              <option value="">Choose…</option>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <button type="submit" className="primary" disabled={!playId || run.isPending}>
          {run.isPending ? "Running…" : "Run play"}
        </button>
        <button type="button" className="subtle" onClick={onDone}>
          {run.data ? "Close" : "Cancel"}
        </button>
        <ErrorMessage error={run.error ?? plays.error} />
      </form>
      {run.data && <PlayRunSteps run={run.data} />}
    </div>
  );
}

/** What a run did, step by step, announced when it arrives. */
export function PlayRunSteps({ run }: { run: PlayRun }) {
  return (
    <div className="play-run" role="status">
      <p>
        <strong>Ran {run.play.name}:</strong> {runSummary(run.steps).toLowerCase()}.
      </p>
      <ul className="play-run-steps" aria-label={`Steps of ${run.play.name}`}>
        {run.steps.map((step, i) => {
          const { label, outcome, appearance } = describeStep(step);
          return (
            <li key={i}>
              <Lozenge appearance={appearance}>{outcome}</Lozenge>
              <span className="play-run-step">{label}</span>
              <span className="muted">{step.detail}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
