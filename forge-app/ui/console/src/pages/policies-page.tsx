import { useEffect, useState } from "react";
import { useDirectory, usePolicies } from "../api/policies.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { PolicyCard } from "./policies/policy-card.tsx";
import { PolicyForm } from "./policies/policy-form.tsx";
import "./policies.css";

/** What the editor shows: nothing, a new policy, or one policy by id. */
type Open = null | { kind: "new" } | { kind: "policy"; id: string };

/**
 * Escalation policies: who is paged, level by level, for a service's incidents. Everyone reads them; changing
 * them takes an admin, as the API requires.
 */
export function PoliciesPage() {
  const { can } = useSession();
  const canEdit = can("admin");
  const policies = usePolicies();
  const { directory, error } = useDirectory();
  const [open, setOpen] = useState<Open>(null);
  const editing = open?.kind === "policy" ? policies.data?.policies.find((p) => p.id === open.id) : undefined;

  // Focus the editor's heading when it opens, so keyboard and screen-reader users land on it.
  const openKey = open ? (open.kind === "new" ? "new" : open.id) : null;
  useEffect(() => {
    if (!openKey) return;
    const heading = document.querySelector<HTMLElement>(".policy-editor h2");
    heading?.focus();
    heading?.scrollIntoView?.({ block: "start" });
  }, [openKey]);

  return (
    <div className="policies-page">
      <div className="spread">
        <h1>Escalation policies</h1>
        {canEdit && (
          <button type="button" className="primary" onClick={() => setOpen({ kind: "new" })}>
            New policy
          </button>
        )}
      </div>
      <p className="muted">
        A service’s incidents page its policy’s level 1 at once, then each next level when nobody acknowledges in time.
        {!canEdit && " Only an admin can change policies."}
      </p>
      <ErrorMessage error={error} />
      {open?.kind === "new" && (
        <PolicyForm key="new" policy={null} directory={directory} onDone={() => setOpen(null)} />
      )}
      {editing && <PolicyForm key={editing.id} policy={editing} directory={directory} onDone={() => setOpen(null)} />}
      <QueryState query={policies} what="escalation policies">
        {({ policies: list }) =>
          list.length === 0 ? (
            <p className="panel">No escalation policies yet.{canEdit && " Use “New policy” to set one up."}</p>
          ) : (
            list.map((policy) => (
              <PolicyCard
                key={policy.id}
                policy={policy}
                directory={directory}
                canEdit={canEdit}
                onEdit={() => setOpen({ kind: "policy", id: policy.id })}
              />
            ))
          )
        }
      </QueryState>
    </div>
  );
}
