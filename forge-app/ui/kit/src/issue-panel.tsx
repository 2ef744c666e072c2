// jira:issuePanel (manifest.yml, resource `issue-panel`): UI Kit, rendered by Forge in Jira.
import ForgeReconciler from "@forge/react";
import { IssuePanel } from "./components/issue-panel";
import { invokeResolver } from "./bridge";

ForgeReconciler.render(<IssuePanel invoke={invokeResolver} />);
