/** A form's Save and Cancel buttons: Save shows "Saving…" and waits while the request is out. */
export function FormActions({
  pending,
  label,
  onCancel,
  className = "row form-actions",
}: {
  pending: boolean;
  label: string;
  onCancel: () => void;
  className?: string;
}) {
  return (
    <div className={className}>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? "Saving…" : label}
      </button>
      <button type="button" className="subtle" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
