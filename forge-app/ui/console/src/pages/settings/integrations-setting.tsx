import { useIntegrations, type Integration } from "../../api/integrations.ts";
import { Lozenge } from "../../components/lozenge.tsx";
import { QueryState } from "../../components/query-state.tsx";
import { Time } from "../../components/time.tsx";

/** Settings → Integrations: each one set up or not, healthy as last seen, its last error, and what to set. */
export function IntegrationsSetting() {
  const integrations = useIntegrations();
  return (
    <section className="panel" aria-labelledby="integrations-heading">
      <h2 id="integrations-heading">Integrations</h2>
      <p className="muted">
        What Firewatch can reach. An action that needs an integration that is not set up is not offered, and the API
        refuses it at once, saying what to set.
      </p>
      <QueryState query={integrations} what="the integrations">
        {({ integrations: list }) => (
          <table className="integrations">
            <caption className="visually-hidden">Integrations and their state</caption>
            <thead>
              <tr>
                <th scope="col">Integration</th>
                <th scope="col">State</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.name}>
                  <th scope="row">{i.label}</th>
                  <td>
                    <State integration={i} />
                  </td>
                  <td>
                    <Details integration={i} />
                    {i.voiceWebhook && (
                      <p className="muted">
                        Call routing: set a number's Voice URL to <code>{i.voiceWebhook.url}</code> (each service's page
                        shows its own).
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}

function State({ integration: i }: { integration: Integration }) {
  if (!i.configured) return <Lozenge appearance="default">Not set up</Lozenge>;
  if (i.healthy === false) return <Lozenge appearance="removed">Failing</Lozenge>;
  return <Lozenge appearance="success">{i.healthy ? "Working" : "Set up"}</Lozenge>;
}

function Details({ integration: i }: { integration: Integration }) {
  if (!i.configured) return <>To set it up: {i.toSet}.</>;
  if (i.healthy === false)
    return (
      <>
        Last error
        {i.checkedAt && (
          <>
            {" "}
            at <Time iso={i.checkedAt} />
          </>
        )}
        : {i.lastError ?? "unknown"}
      </>
    );
  if (i.checkedAt)
    return (
      <>
        Last worked at <Time iso={i.checkedAt} />.
      </>
    );
  return <span className="muted">Not used yet.</span>;
}
