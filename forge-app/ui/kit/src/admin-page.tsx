// jira:adminPage (manifest.yml, resource `admin-page`): UI Kit, rendered by Forge in Jira's app settings.
import ForgeReconciler from "@forge/react";
import { invoke } from "@forge/bridge";
import { AdminPage } from "./components/admin-page.tsx";
import type { Invoke } from "./answer.ts";

ForgeReconciler.render(<AdminPage invoke={invoke as Invoke} />);
