// The byline item on a Confluence page: when the page is an incident's postmortem, its incident, the
// review status and the action items still open (with their Jira status and due date).
import { Inline, Link, Lozenge, SectionMessage, Spinner, Stack, Text } from "@forge/react";
import { useEffect, useState } from "react";
import { messageOf, type IncidentSummary, type Invoke } from "../answer";
import { IncidentLink } from "./incident-link";
import { StatusLozenge } from "./status-lozenge";

interface OpenItem {
  readonly id: string;
  readonly title: string;
  readonly issueKey: string | null;
  readonly issueUrl: string | null;
  readonly status: string | null;
  readonly dueDate: string;
  readonly overdue: boolean;
}

export interface BylineView {
  readonly postmortem: {
    readonly status: string;
    readonly incident: IncidentSummary;
    readonly doneActionItems: number;
  } | null;
  readonly openActionItems?: readonly OpenItem[];
}

export function PostmortemByline({ invoke }: { invoke: Invoke }) {
  const [view, setView] = useState<BylineView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void invoke("postmortemByline").then((a) =>
      a.status === 200 ? setView(a.body as BylineView) : setProblem(messageOf(a)),
    );
  }, [invoke]);
  if (problem)
    return (
      <SectionMessage appearance="error" title="Firewatch">
        <Text>{problem}</Text>
      </SectionMessage>
    );
  if (!view) return <Spinner label="Loading" />;
  if (!view.postmortem) return <Text>This page is not a Firewatch postmortem.</Text>;
  const { incident } = view.postmortem;
  const open = view.openActionItems ?? [];
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <IncidentLink incident={incident} />
        <StatusLozenge status={incident.status} />
        <Lozenge
          appearance={view.postmortem.status === "complete" ? "success" : "default"}
        >{`review: ${view.postmortem.status.replace("_", " ")}`}</Lozenge>
      </Inline>
      <Text>{incident.title}</Text>
      <Text>{`${open.length} open action item${open.length === 1 ? "" : "s"}, ${view.postmortem.doneActionItems} done`}</Text>
      {open.map((item) => (
        <Inline key={item.id} space="space.100">
          {item.issueUrl ? (
            <Link href={item.issueUrl} openNewTab>
              {item.issueKey ?? item.title}
            </Link>
          ) : (
            <Text>{item.issueKey ?? "creating…"}</Text>
          )}
          <Text>{item.title}</Text>
          <Lozenge appearance={item.overdue ? "removed" : "default"}>
            {item.overdue ? `overdue since ${item.dueDate}` : `due ${item.dueDate}`}
          </Lozenge>
        </Inline>
      ))}
    </Stack>
  );
}
