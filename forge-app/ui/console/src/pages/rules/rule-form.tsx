import { useState, type FormEvent } from "react";
import { useApiMutation } from "../../api/hooks.ts";
import { SEVERITIES, type Service } from "../../api/incidents.ts";
import { RULES_PATH, rulePath, type CreateRuleBody, type EscalationRule } from "../../api/rules.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { ApiError } from "../../transport/transport.ts";
import { JqlEditor } from "./jql-editor.tsx";
import { RuleTester } from "./rule-tester.tsx";

/** The form: every field of a rule, sent whole on create and on edit. */
type RuleBody = Required<CreateRuleBody>;

/** Which form field an error code belongs to, so the API's refusal shows beside it. */
const FIELD_OF_CODE: Record<string, keyof RuleBody> = {
  "JQL.INVALID": "jql",
  "SERVICE.NOT_FOUND": "serviceId",
  "RULE.INVALID_NAME": "name",
};
const FIELDS: (keyof RuleBody)[] = ["name", "jql", "serviceId", "severity", "maxFires", "windowMinutes"];

/** The API's message for `field`: the field the API named (`fields[].path`), or the one its error code is about. */
function problemWith(error: unknown, field: keyof RuleBody): string | null {
  if (!(error instanceof ApiError)) return null;
  if (FIELD_OF_CODE[error.code] === field) return error.message;
  return fieldError(error, field);
}

const blank = (services: Service[]): RuleBody => ({
  name: "",
  jql: "",
  serviceId: services[0]?.id ?? "",
  severity: null,
  enabled: true,
  autoResolve: true,
  maxFires: 20,
  windowMinutes: 10,
});

const bodyOf = (r: EscalationRule): RuleBody => ({
  name: r.name,
  jql: r.jql,
  serviceId: r.serviceId,
  severity: r.severity,
  enabled: r.enabled,
  autoResolve: r.autoResolve,
  maxFires: r.maxFires,
  windowMinutes: r.windowMinutes,
});

/**
 * Create (rule = null) or edit a rule, with the tester under it working on the JQL as it stands.
 * `readOnly` shows the same fields to people who may not change rules (the API wants an admin).
 */
export function RuleForm({
  rule,
  services,
  readOnly,
  onDone,
}: {
  rule: EscalationRule | null;
  services: Service[];
  readOnly: boolean;
  onDone: (saved?: EscalationRule) => void;
}) {
  const [form, setForm] = useState<RuleBody>(() => (rule ? bodyOf(rule) : blank(services)));
  const save = useApiMutation<RuleBody, EscalationRule>(rule ? "PATCH" : "POST", rule ? rulePath(rule.id) : RULES_PATH);
  const set = <K extends keyof RuleBody>(key: K, value: RuleBody[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (save.error) save.reset();
  };
  const unplaced = save.error && !FIELDS.some((f) => problemWith(save.error, f));
  const title = rule ? (readOnly ? rule.name : `Edit ${rule.name}`) : "New rule";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await save.mutateAsync(form).catch(() => null);
    if (saved) onDone(saved);
  }

  return (
    <section className="panel rule-editor">
      <form onSubmit={submit}>
        <div className="spread">
          <h2 id="rule-editor-heading" tabIndex={-1}>
            {title}
          </h2>
          <button type="button" className="subtle" onClick={() => onDone()}>
            Close
          </button>
        </div>
        {unplaced && <ErrorMessage error={save.error} />}
        <fieldset disabled={readOnly} className="rule-fields">
          <Field label="Name" error={problemWith(save.error, "name")}>
            <input value={form.name} onChange={(e) => set("name", e.target.value)} required maxLength={255} />
          </Field>
          <JqlEditor
            value={form.jql}
            onChange={(jql) => set("jql", jql)}
            saveError={problemWith(save.error, "jql")}
            readOnly={readOnly}
          />
          <div className="row">
            <Field
              label="Service"
              error={problemWith(save.error, "serviceId")}
              hint={services.length ? undefined : "Create a service first."}
            >
              <select value={form.serviceId} onChange={(e) => set("serviceId", e.target.value)} required>
                {!services.some((s) => s.id === form.serviceId) && <option value="">Choose a service</option>}
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Severity" error={problemWith(save.error, "severity")}>
              <select
                value={form.severity ?? ""}
                onChange={(e) => set("severity", (e.target.value || null) as RuleBody["severity"])}
              >
                <option value="">Service default</option>
                {SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </Field>
          </div>
          <div className="row">
            <Field label="Disable after (fires)" error={problemWith(save.error, "maxFires")}>
              <input
                type="number"
                min={1}
                max={10000}
                value={form.maxFires}
                onChange={(e) => set("maxFires", e.target.valueAsNumber)}
                required
              />
            </Field>
            <Field label="within (minutes)" error={problemWith(save.error, "windowMinutes")}>
              <input
                type="number"
                min={1}
                max={1440}
                value={form.windowMinutes}
                onChange={(e) => set("windowMinutes", e.target.valueAsNumber)}
                required
              />
            </Field>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={form.autoResolve} onChange={(e) => set("autoResolve", e.target.checked)} />{" "}
            Auto-resolve: resolve the incident when the issue leaves the results
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} /> Enabled
          </label>
        </fieldset>
        {!readOnly && (
          <div className="row">
            <button type="submit" className="primary" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save rule"}
            </button>
            <button type="button" className="subtle" onClick={() => onDone()}>
              Cancel
            </button>
          </div>
        )}
      </form>
      <RuleTester ruleId={rule && rule.jql === form.jql ? rule.id : null} jql={form.jql} />
    </section>
  );
}
