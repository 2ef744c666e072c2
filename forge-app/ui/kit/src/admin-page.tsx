// jira:adminPage (manifest.yml, resource `admin-page`): UI Kit, rendered by Forge in Jira's app settings.
import ForgeReconciler from "@forge/react";
import { AdminPage } from "./components/admin-page";
import { invokeResolver } from "./bridge";

ForgeReconciler.render(<AdminPage invoke={invokeResolver} />);
