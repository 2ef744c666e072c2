// The admin page (Jira → Apps → Manage apps → Firewatch): whether the service can reach this site's Jira
// and Confluence as the app, and the site's defaults: Jira project and issue type of incidents without a
// service, the Jira priority of each severity, and the Confluence space postmortems go to.
import { Button, Heading, Label, SectionMessage, Spinner, Stack, Text, Textfield } from "@forge/react";
import { useCallback, useEffect, useState } from "react";
import { messageOf, SEVERITIES, type Invoke } from "../answer";

interface Connection {
  readonly tokenExpiresAt: string | null;
  readonly problem: string | null;
  readonly healthy: boolean | null;
  readonly lastError: string | null;
}

export interface AdminView {
  readonly site: { readonly cloudId: string; readonly siteUrl: string | null };
  readonly service: { readonly publicUrl: string };
  readonly connection: { readonly jira: Connection; readonly confluence: Connection };
  readonly settings: {
    readonly tickets: { readonly projectKey: string | null; readonly issueType: string; readonly priorities: Record<string, string> };
    readonly confluenceSpaceKey: string | null;
  };
}

function ConnectionLine({ name, c }: { name: string; c: Connection }) {
  if (c.healthy === false) return <SectionMessage appearance="error" title={`${name}: not reachable`}><Text>{c.lastError ?? "unknown error"}</Text></SectionMessage>;
  if (c.problem) return <SectionMessage appearance="warning" title={`${name}: waiting for Forge`}><Text>{c.problem}</Text></SectionMessage>;
  return <SectionMessage appearance="success" title={`${name}: connected as the app`}><Text>App token valid until {c.tokenExpiresAt}</Text></SectionMessage>;
}

export function AdminPage({ invoke }: { invoke: Invoke }) {
  const [view, setView] = useState<AdminView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [draft, setDraft] = useState<AdminView["settings"] | null>(null);

  const show = useCallback((answer: { status: number; body: unknown }) => {
    if (answer.status !== 200) return setProblem(messageOf(answer));
    const next = answer.body as AdminView;
    setProblem(null);
    setView(next);
    setDraft(next.settings);
  }, []);
  useEffect(() => void invoke("adminSettings").then(show), [invoke, show]);

  if (!view || !draft) return problem ? <SectionMessage appearance="error" title="Firewatch"><Text>{problem}</Text></SectionMessage> : <Spinner label="Loading settings" />;
  const tickets = draft.tickets;
  const setTickets = (change: Partial<typeof tickets>) => setDraft({ ...draft, tickets: { ...tickets, ...change } });
  const save = async () => {
    const answer = await invoke("saveAdminSettings", { settings: { ...draft, tickets: { ...tickets, projectKey: tickets.projectKey || null } } });
    show(answer);
    if (answer.status === 200) setSaved("Saved.");
  };
  return (
    <Stack space="space.200">
      <Heading as="h2">Firewatch</Heading>
      <Text>Service: {view.service.publicUrl} · site {view.site.siteUrl ?? view.site.cloudId}</Text>
      <ConnectionLine name="Jira" c={view.connection.jira} />
      <ConnectionLine name="Confluence" c={view.connection.confluence} />
      <Heading as="h3">Defaults</Heading>
      <Label labelFor="fw-project">Jira project of incidents without a service</Label>
      <Textfield id="fw-project" name="projectKey" value={tickets.projectKey ?? ""} onChange={(e) => setTickets({ projectKey: e.target.value.toUpperCase() })} />
      <Label labelFor="fw-issue-type">Issue type</Label>
      <Textfield id="fw-issue-type" name="issueType" value={tickets.issueType} onChange={(e) => setTickets({ issueType: e.target.value })} />
      {SEVERITIES.map((sev) => (
        <Stack key={sev} space="space.050">
          <Label labelFor={`fw-priority-${sev}`}>{`Jira priority for ${sev}`}</Label>
          <Textfield id={`fw-priority-${sev}`} name={`priority-${sev}`} value={tickets.priorities[sev] ?? ""} onChange={(e) => setTickets({ priorities: { ...tickets.priorities, [sev]: e.target.value } })} />
        </Stack>
      ))}
      <Label labelFor="fw-space">Confluence space for postmortems</Label>
      <Textfield id="fw-space" name="confluenceSpaceKey" value={draft.confluenceSpaceKey ?? ""} onChange={(e) => setDraft({ ...draft, confluenceSpaceKey: e.target.value || null })} />
      {problem && <SectionMessage appearance="error"><Text>{problem}</Text></SectionMessage>}
      {saved && !problem && <SectionMessage appearance="success"><Text>{saved}</Text></SectionMessage>}
      <Button appearance="primary" onClick={() => void save()}>Save</Button>
    </Stack>
  );
}
