import "./chip-list.css";

export interface Chip {
  key: string;
  name: string;
}

/** Chosen items as chips, each with a remove button named for it ("Remove Payments from Level 1"). */
export function ChipList({
  label,
  from,
  chips,
  empty,
  onRemove,
}: {
  /** The list's name ("Targets of Level 1"). */
  label: string;
  /** What the buttons remove from ("Level 1"). */
  from: string;
  chips: readonly Chip[];
  empty: string;
  /** Left out, the chips cannot be removed (read-only). */
  onRemove?: (key: string) => void;
}) {
  if (chips.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="chips" aria-label={label}>
      {chips.map((chip) => (
        <li key={chip.key} className="chip">
          {chip.name}
          {onRemove && (
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${chip.name} from ${from}`}
              onClick={() => onRemove(chip.key)}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
