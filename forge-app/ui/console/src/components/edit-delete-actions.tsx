import { useState } from "react";

/** What the buttons need of a delete mutation (react-query's). */
interface Removal {
  readonly isPending: boolean;
  mutate(variables: undefined, options: { onSettled: () => void }): void;
  reset(): void;
}

/**
 * Edit, and Delete with an inline confirmation ("Delete for good" / "Keep"), named for the thing they act on.
 * Inline because window.confirm is not available inside Jira's frame.
 */
export function EditDeleteActions({ name, remove, onEdit }: { name: string; remove: Removal; onEdit: () => void }) {
  return (
    <div className="row">
      <button type="button" onClick={onEdit} aria-label={`Edit ${name}`}>
        Edit
      </button>
      <ConfirmedRemove name={name} remove={remove} />
    </div>
  );
}

/** A remove button that asks first, inline: "Delete" → "Delete for good" / "Keep" (or other words for another verb). */
export function ConfirmedRemove({
  name,
  remove,
  verb = "Delete",
  gerund = "deleting",
  confirm = "Delete for good",
  pending = "Deleting…",
}: {
  name: string;
  remove: Removal;
  verb?: string;
  gerund?: string;
  confirm?: string;
  pending?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  return confirming ? (
    <span className="row" role="group" aria-label={`Confirm ${gerund} ${name}`}>
      <button
        type="button"
        className="danger"
        disabled={remove.isPending}
        onClick={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}
      >
        {remove.isPending ? pending : confirm}
      </button>
      <button type="button" className="subtle" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </span>
  ) : (
    <button
      type="button"
      className="subtle"
      aria-label={`${verb} ${name}`}
      onClick={() => {
        remove.reset();
        setConfirming(true);
      }}
    >
      {verb}
    </button>
  );
}
