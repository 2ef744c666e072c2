// The admin page (Jira → Apps → Manage apps → Firewatch): whether the service can reach this site's Jira
// and Confluence as the app, and the site's defaults: Jira project and issue type of incidents without a
// service, the Jira priority of each severity, and the Confluence space postmortems go to. The service checks a
// save against the site; what the site does not have is shown beside its field, and nothing is saved.
import {
  Button,
  ErrorMessage,
  Heading,
  Label,
  Link,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  Textfield,
} from "@forge/react";
import { useCallback, useEffect, useState } from "react";
import { fieldProblemsOf, messageOf, SEVERITIES, type Answer, type Invoke } from "../answer";

interface Connection {
  readonly tokenExpiresAt: string | null;
  readonly problem: string | null;
  readonly healthy: boolean | null;
  readonly lastError: string | null;
}

export interface AdminView {
  readonly site: { readonly cloudId: string; readonly siteUrl: string | null };
  readonly service: { readonly publicUrl: string };
  /** The console inside Jira (the app's global page); null while the service does not know the site's address. */
  readonly console: { readonly url: string | null };
  readonly connection: { readonly jira: Connection; readonly confluence: Connection };
  readonly settings: {
    readonly tickets: {
      readonly projectKey: string | null;
      readonly issueType: string;
      readonly priorities: Record<string, string>;
    };
    readonly confluenceSpaceKey: string | null;
  };
}

function ConnectionLine({ name, c }: { name: string; c: Connection }) {
  if (c.healthy === false)
    return (
      <SectionMessage appearance="error" title={`${name}: not reachable`}>
        <Text>{c.lastError ?? "unknown error"}</Text>
      </SectionMessage>
    );
  if (c.problem)
    return (
      <SectionMessage appearance="warning" title={`${name}: waiting for Forge`}>
        <Text>{c.problem}</Text>
      </SectionMessage>
    );
  return (
    <SectionMessage appearance="success" title={`${name}: connected as the app`}>
      <Text>App token valid until {c.tokenExpiresAt}</Text>
    </SectionMessage>
  );
}

/** A settings field with its label, and the service's problem with it beside it. */
function Field({
  id,
  label,
  name,
  value,
  problem,
  onChange,
}: {
  id: string;
  label: string;
  name: string;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <Stack space="space.050">
      <Label labelFor={id}>{label}</Label>
      <Textfield
        id={id}
        name={name}
        value={value}
        isInvalid={problem !== undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem !== undefined && <ErrorMessage>{problem}</ErrorMessage>}
    </Stack>
  );
}

export function AdminPage({ invoke }: { invoke: Invoke }) {
  const [view, setView] = useState<AdminView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldProblems, setFieldProblems] = useState<Readonly<Record<string, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [draft, setDraft] = useState<AdminView["settings"] | null>(null);

  const show = useCallback((answer: Answer) => {
    const fields = fieldProblemsOf(answer, "settings.");
    setFieldProblems(fields);
    if (answer.status !== 200) {
      // With every problem shown beside its field, the summary only says that nothing was saved.
      return setProblem(
        Object.keys(fields).length > 0
          ? "Nothing was saved: the site does not have what the marked fields name."
          : messageOf(answer),
      );
    }
    const next = answer.body as AdminView;
    setProblem(null);
    setView(next);
    setDraft(next.settings);
  }, []);
  useEffect(() => void invoke("adminSettings").then(show), [invoke, show]);

  if (!view || !draft)
    return problem ? (
      <SectionMessage appearance="error" title="Firewatch">
        <Text>{problem}</Text>
      </SectionMessage>
    ) : (
      <Spinner label="Loading settings" />
    );
  const tickets = draft.tickets;
  const setTickets = (change: Partial<typeof tickets>) => setDraft({ ...draft, tickets: { ...tickets, ...change } });
  const save = async () => {
    setSaved(null);
    // Only what this page edits: the other settings (the default service) have their own screens.
    const answer = await invoke("saveAdminSettings", {
      settings: {
        tickets: { ...tickets, projectKey: tickets.projectKey || null },
        confluenceSpaceKey: draft.confluenceSpaceKey,
      },
    });
    show(answer);
    if (answer.status === 200) setSaved("Saved.");
  };
  return (
    <Stack space="space.200">
      <Heading as="h2">Firewatch</Heading>
      <Text>
        Service: {view.service.publicUrl} · site {view.site.siteUrl ?? view.site.cloudId}
      </Text>
      {view.console.url && <Link href={view.console.url}>Open the Firewatch console</Link>}
      <ConnectionLine name="Jira" c={view.connection.jira} />
      <ConnectionLine name="Confluence" c={view.connection.confluence} />
      <Heading as="h3">Defaults</Heading>
      <Field
        id="fw-project"
        label="Jira project of incidents without a service"
        name="projectKey"
        value={tickets.projectKey ?? ""}
        problem={fieldProblems["tickets.projectKey"]}
        onChange={(v) => setTickets({ projectKey: v.toUpperCase() })}
      />
      <Field
        id="fw-issue-type"
        label="Issue type"
        name="issueType"
        value={tickets.issueType}
        problem={fieldProblems["tickets.issueType"]}
        onChange={(v) => setTickets({ issueType: v })}
      />
      {SEVERITIES.map((sev) => (
        <Field
          key={sev}
          id={`fw-priority-${sev}`}
          label={`Jira priority for ${sev}`}
          name={`priority-${sev}`}
          value={tickets.priorities[sev] ?? ""}
          problem={fieldProblems[`tickets.priorities.${sev}`]}
          onChange={(v) => setTickets({ priorities: { ...tickets.priorities, [sev]: v } })}
        />
      ))}
      <Field
        id="fw-space"
        label="Confluence space for postmortems"
        name="confluenceSpaceKey"
        value={draft.confluenceSpaceKey ?? ""}
        problem={fieldProblems.confluenceSpaceKey}
        onChange={(v) => setDraft({ ...draft, confluenceSpaceKey: v || null })}
      />
      {problem && (
        <SectionMessage appearance="error">
          <Text>{problem}</Text>
        </SectionMessage>
      )}
      {saved && !problem && (
        <SectionMessage appearance="success">
          <Text>{saved}</Text>
        </SectionMessage>
      )}
      <Button appearance="primary" onClick={() => void save()}>
        Save
      </Button>
    </Stack>
  );
}
