import { useState, type FormEvent } from "react";
import { useApiList } from "../api/hooks.ts";
import type { Service } from "../api/incidents.ts";
import { useIncidentSettings, useSaveIncidentSettings } from "../api/settings.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { Field } from "../components/field.tsx";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { IntegrationsSetting } from "./settings/integrations-setting.tsx";
import { SettingsNav } from "./settings/settings-nav.tsx";

/** The tenant's settings; admins change them, everyone else reads them. */
export function SettingsPage() {
  return (
    <>
      <SettingsNav />
      <h1>Settings</h1>
      <DefaultServiceSetting />
      <IntegrationsSetting />
      <YourSignIn />
    </>
  );
}

/** The signed-in person's sessions: "Sign out" in the top bar ends this browser's; this ends them all (a lost phone). */
function YourSignIn() {
  const { me, signOut } = useSession();
  return (
    <section className="panel" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Your sign-in</h2>
      <p className="muted">
        Signed in as {me.name}. A sign-in lasts until you sign out, 12 hours unused, or 7 days. Lost a phone or left a
        browser signed in? End every session of yours, on every device; API tokens are not affected.
      </p>
      <button type="button" onClick={() => signOut(true)}>
        Sign out everywhere
      </button>
    </section>
  );
}

/** "Incidents: default service": the service (and so the escalation policy) an incident is on unless its declarer picks another. */
function DefaultServiceSetting() {
  const { can } = useSession();
  const settings = useIncidentSettings();
  const services = useApiList<{ services: Service[] }>("/api/services", "services");
  const save = useSaveIncidentSettings();
  const [chosen, setChosen] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen === undefined) return;
    if (
      await save.mutateAsync({ defaultServiceId: chosen || null }).then(
        () => true,
        () => false,
      )
    )
      setChosen(undefined);
  }

  return (
    <section className="panel" aria-labelledby="default-service-heading">
      <h2 id="default-service-heading">Incidents: default service</h2>
      <p className="muted">
        An incident declared without naming a service is on this one, and pages through its escalation policy.
      </p>
      <QueryState query={settings} what="the incident settings">
        {(s) => {
          const current = chosen ?? s.defaultServiceId ?? "";
          return (
            <form className="row" onSubmit={submit}>
              <Field label="Default service">
                <select value={current} onChange={(e) => setChosen(e.target.value)} disabled={!can("admin")}>
                  <option value="">No service — pages nobody</option>
                  {services.data?.services.map((svc) => (
                    <option key={svc.id} value={svc.id}>
                      {svc.name}
                    </option>
                  ))}
                </select>
              </Field>
              {can("admin") ? (
                <button type="submit" className="primary" disabled={save.isPending || chosen === undefined}>
                  Save default service
                </button>
              ) : (
                <p className="muted">Only an admin can change it.</p>
              )}
            </form>
          );
        }}
      </QueryState>
      {save.isSuccess && chosen === undefined && <p role="status">Saved.</p>}
      <ErrorMessage error={save.error ?? services.error} />
    </section>
  );
}
