// jira:adminPage (manifest.yml, resource `admin-page`): UI Kit, rendered by Forge in Jira's app settings.
import ForgeReconciler from "@forge/react";
import { invoke } from "@forge/bridge";
import { AdminPage } from "./components/admin-page";
import type { Invoke } from "./answer";

ForgeReconciler.render(<AdminPage invoke={invoke as Invoke} />);
