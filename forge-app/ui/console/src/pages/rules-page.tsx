import { useEffect, useState } from "react";
import { useApiList } from "../api/hooks.ts";
import type { Service } from "../api/incidents.ts";
import { RULES_PATH, type EscalationRule } from "../api/rules.ts";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { RuleForm } from "./rules/rule-form.tsx";
import { RulesTable } from "./rules/rules-table.tsx";
import "./rules-page.css";

/** What the editor panel shows: nothing, a new rule, or one rule by id. */
type Open = null | { kind: "new" } | { kind: "rule"; id: string };

/**
 * Escalation rules: JQL whose results page a service's on-call. Everyone may read and try rules on Jira;
 * changing them takes an admin, as the API requires (AUTH.ADMIN_REQUIRED).
 */
export function RulesPage() {
  const { can } = useSession();
  const canEdit = can("admin");
  const rules = useApiList<{ rules: EscalationRule[] }>(RULES_PATH, "rules");
  const services = useApiList<{ services: Service[] }>("/api/services", "services");
  const [open, setOpen] = useState<Open>(null);
  const serviceList = services.data?.services ?? [];
  const names = new Map(serviceList.map((s) => [s.id, s.name]));
  const serviceName = (id: string) => names.get(id) ?? (services.isPending ? "…" : "(deleted service)");
  const openRule = open?.kind === "rule" ? rules.data?.rules.find((r) => r.id === open.id) : undefined;

  // Move focus to the editor when it opens, so keyboard and screen-reader users land on it (and phones scroll to it).
  const openKey = open ? (open.kind === "new" ? "new" : open.id) : null;
  useEffect(() => {
    if (!openKey) return;
    const heading = document.getElementById("rule-editor-heading");
    heading?.focus();
    heading?.scrollIntoView?.({ block: "start" });
  }, [openKey]);

  return (
    <div className="rules-page">
      <div className="spread">
        <h1>Escalation rules</h1>
        {canEdit && (
          <button type="button" className="primary" onClick={() => setOpen({ kind: "new" })}>
            New rule
          </button>
        )}
      </div>
      <p className="muted">
        An issue entering a rule’s results opens an incident and pages the service’s on-call; leaving them can resolve
        it.
        {!canEdit && " Only an admin can change rules; you can read and test them."}
      </p>

      {open?.kind === "new" && services.data && (
        <RuleForm key="new" rule={null} services={serviceList} readOnly={false} onDone={() => setOpen(null)} />
      )}
      {openRule && (
        <RuleForm
          key={openRule.id}
          rule={openRule}
          services={serviceList}
          readOnly={!canEdit}
          onDone={() => setOpen(null)}
        />
      )}

      <QueryState query={rules} what="rules">
        {({ rules: list }) =>
          list.length === 0 ? (
            <p className="panel">
              No escalation rules yet.{canEdit && " Use “New rule” to page on-call when Jira issues match a JQL query."}
            </p>
          ) : (
            <RulesTable
              rules={list}
              serviceName={serviceName}
              canEdit={canEdit}
              onOpen={(id) => setOpen({ kind: "rule", id })}
            />
          )
        }
      </QueryState>
    </div>
  );
}
