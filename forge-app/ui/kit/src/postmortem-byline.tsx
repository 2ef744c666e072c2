// confluence:contentBylineItem (manifest.yml, resource `postmortem-byline`): UI Kit, in Confluence.
import ForgeReconciler from "@forge/react";
import { invoke } from "@forge/bridge";
import { PostmortemByline } from "./components/postmortem-byline";
import type { Invoke } from "./answer";

ForgeReconciler.render(<PostmortemByline invoke={invoke as Invoke} />);
