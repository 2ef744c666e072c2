import { Lozenge, type Appearance } from "../../components/lozenge.tsx";
import type { TrackedActionItem } from "../../api/managers.ts";

// Jira's status categories map to the lozenge appearances Jira itself uses for them.
const CATEGORY: Record<string, Appearance> = { new: "default", indeterminate: "inprogress", done: "success" };

/** The action item's Jira issue: a link and its status, or why there is none yet. */
export function JiraIssue({ item }: { item: TrackedActionItem }) {
  if (item.state === "failed")
    return <span className="mgr-failed">Not created: {item.error ?? "the tracker refused it"}</span>;
  if (!item.issueKey) return <span className="muted">Creating issue…</span>;
  return (
    <span className="mgr-issue">
      {item.issueUrl ? (
        <a href={item.issueUrl} target="_blank" rel="noreferrer">
          {item.issueKey}
        </a>
      ) : (
        item.issueKey
      )}{" "}
      {item.statusName && (
        <Lozenge appearance={CATEGORY[item.statusCategory ?? ""] ?? "default"}>{item.statusName}</Lozenge>
      )}
    </span>
  );
}
