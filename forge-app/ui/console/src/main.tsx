import { setGlobalTheme } from "@atlaskit/tokens/set-global-theme";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { httpTransport } from "./transport/http-transport.ts";
import { clearStoredToken, storedToken } from "./session.tsx";
import "./styles.css";

// Atlassian's design tokens, following the system's light/dark preference; inside Jira the host's theme
// is applied by @forge/bridge's view.theme.enable() instead (bridge entry, issue 8).
void setGlobalTheme({ colorMode: "auto", light: "light", dark: "dark", spacing: "spacing", typography: "typography" });

const transport = httpTransport(window.location.origin, storedToken, () => {
  clearStoredToken();
  window.dispatchEvent(new Event("firewatch:signed-out"));
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App transport={transport} signIn="token" />
  </StrictMode>,
);
