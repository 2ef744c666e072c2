/** A service form's Save button, and "Saved." once the change is stored. */
export function SaveServiceRow({ label, pending, saved }: { label: string; pending: boolean; saved: boolean }) {
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={pending}>
        {label}
      </button>
      {saved && <span role="status">Saved.</span>}
    </div>
  );
}
