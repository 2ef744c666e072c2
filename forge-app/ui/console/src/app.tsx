import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { BrowserRouter, HashRouter, Navigate, NavLink, Route, Routes } from "react-router";
import { ErrorBoundary } from "./components/error-boundary.tsx";
import { ForgeRouter, type ForgeHistory } from "./forge-router.tsx";
import { Icon } from "./components/icons.tsx";
import { SandboxBanner } from "./components/sandbox-banner.tsx";
import { IncidentPage } from "./pages/incident-page.tsx";
import { IncidentsPage } from "./pages/incidents-page.tsx";
import { SignInPage } from "./pages/sign-in-page.tsx";
import { makeSession, SessionContext, type Me, type Session } from "./session.tsx";
import { ApiError, type Transport } from "./transport/transport.ts";

// Pages with heavy libraries (calendar, charts) load when first opened, keeping the first load small.
const OnCallPage = lazy(() => import("./pages/oncall-page.tsx").then((m) => ({ default: m.OnCallPage })));
const SchedulesPage = lazy(() => import("./pages/schedules-page.tsx").then((m) => ({ default: m.SchedulesPage })));
const SchedulePage = lazy(() => import("./pages/schedules-page.tsx").then((m) => ({ default: m.SchedulePage })));
const RulesPage = lazy(() => import("./pages/rules-page.tsx").then((m) => ({ default: m.RulesPage })));
const ActionItemsPage = lazy(() =>
  import("./pages/action-items-page.tsx").then((m) => ({ default: m.ActionItemsPage })),
);
const SettingsPage = lazy(() => import("./pages/settings-page.tsx").then((m) => ({ default: m.SettingsPage })));
const ResponsePlaysPage = lazy(() =>
  import("./pages/response-plays-page.tsx").then((m) => ({ default: m.ResponsePlaysPage })),
);
const PeoplePage = lazy(() => import("./pages/people-page.tsx").then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import("./pages/person-page.tsx").then((m) => ({ default: m.PersonPage })));
const PoliciesPage = lazy(() => import("./pages/policies-page.tsx").then((m) => ({ default: m.PoliciesPage })));
const TeamsPage = lazy(() => import("./pages/teams-page.tsx").then((m) => ({ default: m.TeamsPage })));
const ServicesPage = lazy(() => import("./pages/services-page.tsx").then((m) => ({ default: m.ServicesPage })));
const ServicePage = lazy(() => import("./pages/service-page.tsx").then((m) => ({ default: m.ServicePage })));
const ReportsPage = lazy(() => import("./pages/reports-page.tsx").then((m) => ({ default: m.ReportsPage })));

const NAV = [
  { to: "/incidents", label: "Incidents" },
  { to: "/oncall", label: "On-call" },
  { to: "/schedules", label: "Schedules" },
  { to: "/escalation-policies", label: "Escalation policies" },
  { to: "/services", label: "Services" },
  { to: "/people", label: "People" },
  { to: "/teams", label: "Teams" },
  { to: "/rules", label: "Escalation rules" },
  { to: "/action-items", label: "Action items" },
  { to: "/reports", label: "Reports" },
  { to: "/settings", label: "Settings" },
];

/**
 * The console. `signIn: "token"` asks for an API token (the browser, at `/`); `"host"` trusts the
 * transport to carry the user (inside Jira, where the Forge app authenticates every call). With the host's
 * `history` (inside Jira) the route is Jira's address after the global page's own (forge-router.tsx). In the
 * browser it is the console's own path (`/incidents/INC-42`), which the service answers with this page; a
 * Jira module without page history keeps to the hash (its iframe's address is not the console's to change).
 */
export function App({
  transport,
  signIn,
  history = null,
}: {
  transport: Transport;
  signIn: "token" | "host";
  history?: ForgeHistory | null;
}) {
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          // Refused requests (4xx) are answers, not blips: show them instead of retrying.
          queries: {
            retry: (count, error) =>
              !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
            refetchOnWindowFocus: true,
          },
        },
      }),
    [],
  );
  const [me, setMe] = useState<Me | null>(null);
  // The session cookie (HttpOnly) is invisible to scripts: ask the service who it signs in.
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    if (!checking) return;
    transport
      .request<Me>("GET", "/api/me")
      .then(setMe)
      .catch(() => setMe(null))
      .finally(() => setChecking(false));
  }, [checking, transport]);

  useEffect(() => {
    const signedOut = () => {
      setMe(null);
      queryClient.clear();
    };
    window.addEventListener("firewatch:signed-out", signedOut);
    return () => window.removeEventListener("firewatch:signed-out", signedOut);
  }, [queryClient]);

  const session: Session | null = useMemo(
    () =>
      me &&
      makeSession(me, transport, (everywhere) => {
        void transport
          .request("DELETE", everywhere ? "/api/session" : "/api/session/current")
          .catch(() => undefined)
          .finally(() => {
            queryClient.clear();
            setMe(null);
          });
      }),
    [me, transport, queryClient],
  );

  if (checking) return <p className="loading">Signing in…</p>;
  if (!session) return <SignInPage transport={transport} onSignedIn={setMe} />;
  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={session}>
        {history ? (
          <ForgeRouter history={history}>
            <Shell session={session} canSignOut={signIn === "token"} />
          </ForgeRouter>
        ) : signIn === "token" ? (
          <BrowserRouter>
            <Shell session={session} canSignOut />
          </BrowserRouter>
        ) : (
          <HashRouter>
            <Shell session={session} canSignOut={false} />
          </HashRouter>
        )}
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}

function Shell({ session, canSignOut }: { session: Session; canSignOut: boolean }) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {session.me.sandbox && <SandboxBanner sandbox={session.me.sandbox} />}
      <header className="topbar">
        <span className="brand">
          <Icon name="flame" /> Firewatch
        </span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <span className="whoami">
          {session.me.name} <span className="role">({session.me.role})</span>
          {/* Inside Jira the person is Jira's signed-in user: there is nothing to sign out of here. */}
          {canSignOut && (
            <button type="button" className="subtle" onClick={() => session.signOut()}>
              Sign out
            </button>
          )}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Suspense fallback={<p className="loading">Loading…</p>}>
            <Routes>
              <Route path="/" element={<Navigate to="/incidents" replace />} />
              <Route path="/incidents" element={<IncidentsPage />} />
              <Route path="/incidents/:key" element={<IncidentPage />} />
              <Route path="/oncall" element={<OnCallPage />} />
              <Route path="/escalation-policies" element={<PoliciesPage />} />
              <Route path="/teams" element={<TeamsPage />} />
              <Route path="/services" element={<ServicesPage />} />
              <Route path="/services/:id" element={<ServicePage />} />
              <Route path="/schedules" element={<SchedulesPage />} />
              <Route path="/schedules/:id" element={<SchedulePage />} />
              <Route path="/rules" element={<RulesPage />} />
              <Route path="/action-items" element={<ActionItemsPage />} />
              <Route path="/people" element={<PeoplePage />} />
              <Route path="/people/:id" element={<PersonPage />} />
              <Route path="/reports" element={<ReportsPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/settings/response-plays" element={<ResponsePlaysPage />} />
              <Route path="*" element={<p role="alert">No such page. Use the navigation above.</p>} />
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
