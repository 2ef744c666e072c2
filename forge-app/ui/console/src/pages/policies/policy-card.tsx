import { useDeletePolicy, type Directory, type Policy } from "../../api/policies.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { EditDeleteActions } from "../../components/edit-delete-actions.tsx";

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
        {canEdit && <EditDeleteActions name={policy.name} remove={remove} onEdit={onEdit} />}
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
