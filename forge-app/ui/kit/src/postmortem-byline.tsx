// confluence:contentBylineItem (manifest.yml, resource `postmortem-byline`): UI Kit, in Confluence.
import ForgeReconciler from "@forge/react";
import { PostmortemByline } from "./components/postmortem-byline";
import { invokeResolver } from "./bridge";

ForgeReconciler.render(<PostmortemByline invoke={invokeResolver} />);
