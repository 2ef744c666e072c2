import { useState } from "react";
import { useNavigate } from "react-router";
import { useApiMutation } from "../../api/hooks.ts";
import { servicePath, type Service } from "../../api/services.ts";
import { ErrorMessage } from "../../components/error-message.tsx";

/** Deletes the service after a confirmation; the API refuses (409) while incidents refer to it. */
export function DeleteService({ service }: { service: Service }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useApiMutation<undefined>("DELETE", servicePath(service.id), [["api", "/api/services"]]);

  async function confirm() {
    const ok = await remove
      .mutateAsync(undefined)
      .then(() => true)
      .catch(() => false);
    if (ok) void navigate("/services", { replace: true });
  }

  return (
    <section className="panel service-danger" aria-labelledby="delete-service-heading">
      <h2 id="delete-service-heading">Delete service</h2>
      <p className="muted">Alerts sent with its integration key are refused once it is deleted.</p>
      <ErrorMessage error={remove.error} />
      {confirming ? (
        <div className="row" role="group" aria-label="Confirm deletion">
          <span>Delete {service.name}? This cannot be undone.</span>
          <button type="button" className="danger" disabled={remove.isPending} onClick={() => void confirm()}>
            Yes, delete
          </button>
          <button
            type="button"
            className="subtle"
            onClick={() => {
              setConfirming(false);
              remove.reset();
            }}
          >
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete service…
        </button>
      )}
    </section>
  );
}
