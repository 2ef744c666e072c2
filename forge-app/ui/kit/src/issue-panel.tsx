// jira:issuePanel (manifest.yml, resource `issue-panel`): UI Kit, rendered by Forge in Jira.
import ForgeReconciler from "@forge/react";
import { invoke } from "@forge/bridge";
import { IssuePanel } from "./components/issue-panel";
import type { Invoke } from "./answer";

ForgeReconciler.render(<IssuePanel invoke={invoke as Invoke} />);
