// The issue panel's three forms. Each sends one resolver call and shows the service's message beside the
// form when it refuses (a missing permission, a blank title, an incident that is resolved).
import { Button, ButtonGroup, ErrorMessage, Label, Select, Stack, Textfield } from "@forge/react";
import { useState, type ReactNode } from "react";
import { messageOf, SEVERITIES, type IncidentSummary, type Invoke } from "../answer";

interface FormProps {
  readonly invoke: Invoke;
  readonly onDone: (message: string) => Promise<void>;
  readonly onCancel: () => void;
}

type Option = { label: string; value: string };

function useSubmit(invoke: Invoke, onDone: FormProps["onDone"]) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (key: string, payload: Record<string, unknown>, success: (body: any) => string) => {
    setBusy(true);
    const answer = await invoke(key, payload);
    setBusy(false);
    if (answer.status >= 200 && answer.status < 300) return onDone(success(answer.body));
    setError(messageOf(answer));
  };
  return { error, busy, submit };
}

function Actions({
  label,
  busy,
  onSubmit,
  onCancel,
  error,
}: {
  label: string;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  error: string | null;
}): ReactNode {
  return (
    <Stack space="space.100">
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <ButtonGroup label={label}>
        <Button appearance="primary" onClick={onSubmit} isDisabled={busy}>
          {label}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </Stack>
  );
}

const incidentOptions = (incidents: readonly IncidentSummary[]): Option[] =>
  incidents.map((i) => ({ label: `${i.key} ${i.title}`, value: i.key }));

export function DeclareForm({ invoke, summary, onDone, onCancel }: FormProps & { summary: string }) {
  const [title, setTitle] = useState(summary);
  const [severity, setSeverity] = useState<string>("SEV2");
  const { error, busy, submit } = useSubmit(invoke, onDone);
  return (
    <Stack space="space.100">
      <Label labelFor="fw-declare-title">Title</Label>
      <Textfield id="fw-declare-title" name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
      <Label labelFor="fw-declare-severity">Severity</Label>
      <Select
        inputId="fw-declare-severity"
        name="severity"
        options={SEVERITIES.map((s) => ({ label: s, value: s }))}
        value={{ label: severity, value: severity }}
        onChange={(o: Option) => setSeverity(o.value)}
      />
      <Actions
        label="Declare"
        busy={busy}
        error={error}
        onCancel={onCancel}
        onSubmit={() =>
          void submit(
            "declareIncident",
            { title, severity },
            (b) => `Declared ${b.incident.key}: the on-call person is paged.`,
          )
        }
      />
    </Stack>
  );
}

export function LinkForm({
  invoke,
  incidents,
  onDone,
  onCancel,
}: FormProps & { incidents: readonly IncidentSummary[] }) {
  const [incident, setIncident] = useState<Option | null>(null);
  const { error, busy, submit } = useSubmit(invoke, onDone);
  return (
    <Stack space="space.100">
      <Label labelFor="fw-link-incident">Open incident</Label>
      <Select
        inputId="fw-link-incident"
        name="incident"
        options={incidentOptions(incidents)}
        value={incident}
        onChange={(o: Option) => setIncident(o)}
      />
      <Actions
        label="Link"
        busy={busy}
        error={error}
        onCancel={onCancel}
        onSubmit={() =>
          void submit("linkIncident", { incident: incident?.value ?? "" }, () => `Linked to ${incident?.value}.`)
        }
      />
    </Stack>
  );
}

export function ActionItemForm({
  invoke,
  incidents,
  onDone,
  onCancel,
}: FormProps & { incidents: readonly IncidentSummary[] }) {
  const [incident, setIncident] = useState<Option | null>(incidentOptions(incidents)[0] ?? null);
  const [title, setTitle] = useState("");
  const { error, busy, submit } = useSubmit(invoke, onDone);
  return (
    <Stack space="space.100">
      <Label labelFor="fw-item-incident">Incident</Label>
      <Select
        inputId="fw-item-incident"
        name="incident"
        options={incidentOptions(incidents)}
        value={incident}
        onChange={(o: Option) => setIncident(o)}
      />
      <Label labelFor="fw-item-title">Action item</Label>
      <Textfield id="fw-item-title" name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
      <Actions
        label="Create"
        busy={busy}
        error={error}
        onCancel={onCancel}
        onSubmit={() =>
          void submit(
            "createActionItem",
            { incident: incident?.value ?? "", title },
            (b) =>
              `Action item added to ${incident?.value}, due ${b.actionItem.dueDate}; its Jira issue is on the way.`,
          )
        }
      />
    </Stack>
  );
}
