import { useState } from "react";
import { useApiMutation } from "../../api/hooks.ts";
import { rulePath, type EscalationRule, type UpdateRuleBody } from "../../api/rules.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Lozenge, SeverityLozenge } from "../../components/lozenge.tsx";

/**
 * The rules, one row each (a card at phone width). `canEdit` adds the enable switch, Edit and Delete (with an
 * inline confirmation: window.confirm is not available inside Jira's sandboxed frame).
 */
export function RulesTable({
  rules,
  serviceName,
  canEdit,
  onOpen,
}: {
  rules: EscalationRule[];
  serviceName: (id: string) => string;
  canEdit: boolean;
  onOpen: (id: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="rules-table">
        <caption className="visually-hidden">Escalation rules</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">JQL</th>
            <th scope="col">Service</th>
            <th scope="col">Severity</th>
            <th scope="col">State</th>
            <th scope="col">Auto-resolve</th>
            {canEdit && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              service={serviceName(rule.serviceId)}
              canEdit={canEdit}
              onOpen={() => onOpen(rule.id)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RuleRow({
  rule,
  service,
  canEdit,
  onOpen,
}: {
  rule: EscalationRule;
  service: string;
  canEdit: boolean;
  onOpen: () => void;
}) {
  return (
    <tr>
      <td data-label="Name">
        <button type="button" className="link-button" onClick={onOpen}>
          {rule.name}
        </button>
      </td>
      <td data-label="JQL">
        <code className="jql">{rule.jql}</code>
      </td>
      <td data-label="Service">{service}</td>
      <td data-label="Severity">
        {rule.severity ? <SeverityLozenge severity={rule.severity} /> : <span className="muted">Service default</span>}
      </td>
      <td data-label="State">
        <div>
          {rule.enabled ? (
            <Lozenge appearance="success">enabled</Lozenge>
          ) : (
            <Lozenge appearance="removed">disabled</Lozenge>
          )}
          {!rule.enabled && rule.disabledReason && <div className="rule-reason">{rule.disabledReason}</div>}
        </div>
      </td>
      <td data-label="Auto-resolve">{rule.autoResolve ? "Yes" : "No"}</td>
      {canEdit && (
        <td data-label="Actions" className="rule-actions">
          <RuleActions rule={rule} onOpen={onOpen} />
        </td>
      )}
    </tr>
  );
}

function RuleActions({ rule, onOpen }: { rule: EscalationRule; onOpen: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const toggle = useApiMutation<Required<Pick<UpdateRuleBody, "enabled">>>("PATCH", rulePath(rule.id));
  const remove = useApiMutation<undefined>("DELETE", rulePath(rule.id));
  // The switch shows the asked-for state at once; the row follows when the list refetches.
  const enabled = toggle.isPending && toggle.variables ? toggle.variables.enabled : rule.enabled;
  return (
    <div>
      <div className="row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate({ enabled: e.target.checked })}
            aria-label={`Enabled: ${rule.name}`}
          />
          <span aria-hidden="true">{enabled ? "On" : "Off"}</span>
        </label>
        <button type="button" onClick={onOpen} aria-label={`Edit ${rule.name}`}>
          Edit
        </button>
        {confirming ? (
          <span className="row" role="group" aria-label={`Confirm deleting ${rule.name}`}>
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(undefined)}
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
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${rule.name}`}
          >
            Delete
          </button>
        )}
      </div>
      <ErrorMessage error={toggle.error ?? remove.error} />
    </div>
  );
}
