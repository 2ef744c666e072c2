import type { Service } from "../../api/services.ts";
import { CodeBlock, CopyButton } from "../../components/copy-button.tsx";

/** A trigger as PagerDuty's Events API v2 takes it, for the sample (the README's example, on this key). */
export function eventsV2Sample(url: string, key: string): string {
  return [
    `curl -X POST ${url} \\`,
    `  -H 'content-type: application/json' \\`,
    `  -d '{`,
    `    "routing_key": "${key}",`,
    `    "event_action": "trigger",`,
    `    "dedup_key": "db-1/disk",`,
    `    "payload": {`,
    `      "summary": "Disk 95% full on db-1",`,
    `      "source": "db-1",`,
    `      "severity": "critical"`,
    `    }`,
    `  }'`,
  ].join("\n");
}

export function alertmanagerSample(url: string): string {
  return [
    "# alertmanager.yml",
    "receivers:",
    "  - name: firewatch",
    "    webhook_configs:",
    `      - url: ${url}`,
    "        send_resolved: true",
  ].join("\n");
}

/** One copyable value: a label, the value in code, its Copy button. */
export function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="copy-value">
      <span className="copy-value-label">{label}</span>
      <code className="copy-value-text">{value}</code>
      <CopyButton text={value} label={label} />
    </div>
  );
}

/** The integration key and how to send alerts with it: Events v2, the Alertmanager webhook and e-mail when it is on. */
export function IntegrationPanel({ service }: { service: Service }) {
  const { eventsV2, alertmanager, email } = service.endpoints;
  return (
    <section className="panel integration-panel" aria-labelledby="integration-heading">
      <h2 id="integration-heading">Integration</h2>
      <p className="muted">
        Alerts sent with this key open incidents on {service.name}. Anyone holding the key can page it: keep it secret.
      </p>
      <CopyValue label="Integration key" value={service.integrationKey} />

      <h3>PagerDuty Events API v2</h3>
      <p className="muted">
        Any tool that pages PagerDuty pages this service once its URL points here, with the key as{" "}
        <code>routing_key</code>.
      </p>
      <CopyValue label="Events v2 URL" value={eventsV2} />
      <CodeBlock label="Sample Events v2 request" code={eventsV2Sample(eventsV2, service.integrationKey)} />

      <h3>Prometheus Alertmanager</h3>
      <p className="muted">One incident per alert group, resolved when the group resolves.</p>
      <CopyValue label="Alertmanager webhook URL" value={alertmanager} />
      <CodeBlock label="Sample Alertmanager receiver" code={alertmanagerSample(alertmanager)} />

      {email && (
        <>
          <h3>E-mail</h3>
          <p className="muted">
            Each message opens an incident: the subject is its title (<code>[SEV1]</code>…<code>[SEV4]</code> sets the
            severity), the body its description. A reply with the incident key in the subject is a note on it.
          </p>
          <CopyValue label="E-mail address" value={email} />
        </>
      )}
    </section>
  );
}
