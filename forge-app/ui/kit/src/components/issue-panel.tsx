// The issue panel: the incidents linked to this issue (status, severity, owner) and three actions —
// declare an incident from the issue, link it to an open incident, or add an action item to one.
import { Button, ButtonGroup, Inline, SectionMessage, Spinner, Stack, Text } from "@forge/react";
import { useCallback, useEffect, useState } from "react";
import { messageOf, type IncidentSummary, type Invoke } from "../answer";
import { IncidentLink } from "./incident-link";
import { StatusLozenge } from "./status-lozenge";
import { ActionItemForm, DeclareForm, LinkForm } from "./issue-forms";

export interface PanelView {
  readonly issue: { readonly id: string; readonly key: string; readonly summary: string | null };
  readonly incidents: readonly (IncidentSummary & { readonly owner: string | null; readonly isOrigin: boolean })[];
  readonly openIncidents: readonly IncidentSummary[];
}

type Form = "declare" | "link" | "action-item" | null;

export function IssuePanel({ invoke }: { invoke: Invoke }) {
  const [view, setView] = useState<PanelView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const answer = await invoke("issuePanel");
    if (answer.status === 200) setView(answer.body as PanelView);
    else setProblem(messageOf(answer));
  }, [invoke]);
  useEffect(() => void load(), [load]);

  const done = useCallback(
    async (message: string) => {
      setForm(null);
      setNotice(message);
      await load();
    },
    [load],
  );

  if (problem)
    return (
      <SectionMessage appearance="error" title="Firewatch">
        <Text>{problem}</Text>
      </SectionMessage>
    );
  if (!view) return <Spinner label="Loading incidents" />;
  return (
    <Stack space="space.200">
      {view.incidents.length === 0 ? (
        <Text>No incident is linked to {view.issue.key}.</Text>
      ) : (
        view.incidents.map((incident) => (
          <Stack key={incident.id} space="space.050">
            <Inline space="space.100" alignBlock="center">
              <StatusLozenge status={incident.status} />
              <IncidentLink incident={incident} />
              <Text>{incident.severity}</Text>
            </Inline>
            <Text>{incident.title}</Text>
            <Text>
              Owner: {incident.owner ?? "nobody yet"}
              {incident.isOrigin ? " · declared from this issue" : ""}
            </Text>
          </Stack>
        ))
      )}
      {notice && (
        <SectionMessage appearance="success">
          <Text>{notice}</Text>
        </SectionMessage>
      )}
      <ButtonGroup label="Incident actions">
        <Button onClick={() => setForm("declare")}>Declare incident</Button>
        <Button onClick={() => setForm("link")} isDisabled={view.openIncidents.length === 0}>
          Link to incident
        </Button>
        <Button onClick={() => setForm("action-item")} isDisabled={view.incidents.length === 0}>
          Create action item
        </Button>
      </ButtonGroup>
      {form === "declare" && (
        <DeclareForm invoke={invoke} summary={view.issue.summary ?? ""} onDone={done} onCancel={() => setForm(null)} />
      )}
      {form === "link" && (
        <LinkForm invoke={invoke} incidents={view.openIncidents} onDone={done} onCancel={() => setForm(null)} />
      )}
      {form === "action-item" && (
        <ActionItemForm invoke={invoke} incidents={view.incidents} onDone={done} onCancel={() => setForm(null)} />
      )}
    </Stack>
  );
}
