import { setGlobalTheme } from "@atlaskit/tokens/set-global-theme";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { httpTransport } from "./transport/http-transport.ts";
import type { Invoke } from "./transport/bridge-transport.ts";
import type { Transport } from "./transport/transport.ts";
import type { ForgeHistory } from "./forge-router.tsx";
import "./styles.css";

/**
 * Inside Jira the same bundle is the Forge app's global page (Custom UI): the host page gives the iframe
 * a bridge, every call goes through the app's `api` resolver as the Jira user, Jira's theme applies, and
 * the route is Jira's address after the page's own (a link to .../incidents/INC-4 opens that incident).
 * At `/` it is the service's own console, signed in by the service's session cookie (from an API token or a
 * page's sign-in link).
 */
async function start(): Promise<{ transport: Transport; signIn: "token" | "host"; history?: ForgeHistory | null }> {
  if ((globalThis as { __bridge?: unknown }).__bridge) {
    // Imported only here: @forge/bridge looks for the host's bridge as soon as it loads.
    const [{ invoke, view }, { bridgeTransport }] = await Promise.all([
      import("@forge/bridge"),
      import("./transport/bridge-transport.ts"),
    ]);
    await view.theme.enable();
    // A host without page history (a module other than a full page) leaves the console on its hash routes.
    const history = await view.createHistory().then(
      (h) => h as unknown as ForgeHistory,
      () => null,
    );
    return { transport: bridgeTransport(invoke as Invoke), signIn: "host", history };
  }
  // Links from before the console had real paths (`/#/incidents/INC-1`) open the same page at its path.
  if (window.location.hash.startsWith("#/")) window.history.replaceState(null, "", window.location.hash.slice(1));
  // Atlassian's design tokens, following the system's light/dark preference.
  void setGlobalTheme({
    colorMode: "auto",
    light: "light",
    dark: "dark",
    spacing: "spacing",
    typography: "typography",
  });
  const transport = httpTransport(
    window.location.origin,
    () => null,
    () => window.dispatchEvent(new Event("firewatch:signed-out")),
  );
  return { transport, signIn: "token" };
}

void start().then(({ transport, signIn, history }) =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App transport={transport} signIn={signIn} history={history} />
    </StrictMode>,
  ),
);
