import { useState } from "react";
import { useDeletePolicy, type Directory, type Policy } from "../../api/policies.ts";
import { ErrorMessage } from "../../components/error-message.tsx";

const times = (n: number) => (n === 1 ? "1 time" : `${n} times`);

/** One policy: its levels in order, how often it repeats, the services on it, and (admins) Edit and Delete. */
export function PolicyCard({
  policy,
  directory,
  canEdit,
  onEdit,
}: {
  policy: Policy;
  directory: Directory;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const headingId = `policy-${policy.id}`;
  const remove = useDeletePolicy(policy.id);
  return (
    <article className="panel policy-card" aria-labelledby={headingId}>
      <div className="spread">
        <h2 id={headingId}>{policy.name}</h2>
        {canEdit && <PolicyActions policy={policy} remove={remove} onEdit={onEdit} />}
      </div>
      <ErrorMessage error={remove.error} />
      <ol className="policy-levels" aria-label={`Levels of ${policy.name}`}>
        {policy.levels.map((level, i) => (
          <li key={i}>
            <span className="level-number">Level {i + 1}</span>
            <span className="level-targets">
              {" — "}
              {level.targets.map((t) => directory.targetName(t)).join(", ")}
            </span>
            <span className="muted"> — escalates after {level.delayMinutes} min</span>
          </li>
        ))}
      </ol>
      <dl className="policy-meta">
        <div>
          <dt>Repeat</dt>
          <dd>{policy.repeat === 0 ? "Does not repeat" : `Repeats ${times(policy.repeat)}`}</dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd>
            {policy.services.length === 0 ? (
              <span className="muted">No service uses it</span>
            ) : (
              policy.services.map((s) => s.name).join(", ")
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}

/** Edit, and Delete with an inline confirmation (window.confirm is not available inside Jira's frame). */
function PolicyActions({
  policy,
  remove,
  onEdit,
}: {
  policy: Policy;
  remove: ReturnType<typeof useDeletePolicy>;
  onEdit: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="row">
      <button type="button" onClick={onEdit} aria-label={`Edit ${policy.name}`}>
        Edit
      </button>
      {confirming ? (
        <span className="row" role="group" aria-label={`Confirm deleting ${policy.name}`}>
          <button
            type="button"
            className="danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}
          >
            {remove.isPending ? "Deleting…" : "Delete for good"}
          </button>
          <button type="button" className="subtle" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="subtle"
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
          aria-label={`Delete ${policy.name}`}
        >
          Delete
        </button>
      )}
    </div>
  );
}
