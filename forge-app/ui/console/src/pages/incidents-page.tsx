import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { LIVE_POLL_MS, useApiList } from "../api/hooks.ts";
import { SEVERITIES, STATUSES, type IncidentPage, type Service } from "../api/incidents.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { Field } from "../components/field.tsx";
import { DrillLozenge, SeverityLozenge, StatusLozenge } from "../components/lozenge.tsx";
import { Time } from "../components/time.tsx";
import { useSession } from "../session.tsx";
import { DeclareIncident } from "./incidents/declare-incident.tsx";
import { GettingStarted } from "./incidents/getting-started.tsx";

const PAGE_SIZE = 100;
const OPEN = "triggered,acknowledged";

/** The incident list: filters live in the URL (shareable), the first page refreshes itself. */
export function IncidentsPage() {
  const { transport, can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? OPEN;
  const severity = params.get("severity") ?? "";
  const serviceId = params.get("service") ?? "";
  const [text, setText] = useState(params.get("q") ?? "");
  const services = useApiList<{ services: Service[] }>("/api/services", "services");
  const serviceName = new Map(services.data?.services.map((s) => [s.id, s.name]));

  // Typing filters after a pause, not on every key. Only a change of the text touches the URL: a
  // navigation on mount would race (and undo) a click on an incident made in the first moments.
  const q = params.get("q") ?? "";
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => update("q", text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, q]);

  function update(name: string, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (status !== "all") query.set("status", status);
  if (severity) query.set("severity", severity);
  if (serviceId) query.set("serviceId", serviceId);
  if (params.get("q")) query.set("q", params.get("q")!);
  const incidents = useInfiniteQuery({
    queryKey: ["api", "incidents", query.toString()],
    queryFn: ({ pageParam }) =>
      transport.request<IncidentPage>("GET", `/api/incidents?${query}${pageParam ? `&cursor=${pageParam}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: LIVE_POLL_MS,
  });
  const rows = incidents.data?.pages.flatMap((p) => p.incidents) ?? [];

  return (
    <>
      <div className="spread">
        <h1>Incidents</h1>
        {can("responder") && <DeclareIncident services={services.data?.services ?? []} />}
      </div>
      <GettingStarted />
      <form className="row panel" role="search" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()}>
        <Field label="Status">
          <select value={status} onChange={(e) => update("status", e.target.value === OPEN ? "" : e.target.value)}>
            <option value={OPEN}>Open</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
            <option value="all">All</option>
          </select>
        </Field>
        <Field label="Severity">
          <select value={severity} onChange={(e) => update("severity", e.target.value)}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <Field label="Service">
          <select value={serviceId} onChange={(e) => update("service", e.target.value)}>
            <option value="">Any</option>
            {services.data?.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Search">
          <input
            type="search"
            placeholder="Title words or INC-42"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
      </form>
      {incidents.error && <ErrorMessage error={incidents.error} />}
      {incidents.isPending ? (
        <p className="loading">Loading incidents…</p>
      ) : rows.length === 0 ? (
        <p className="panel muted">No incidents match these filters.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Incidents" aria-rowcount={rows.length}>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Title</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col" className="hide-narrow">
                  Service
                </th>
                <th scope="col" className="hide-narrow">
                  Opened
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/incidents/${i.key}`}>{i.key}</Link>
                  </td>
                  <td>
                    {i.drill && <DrillLozenge />} {i.title}
                  </td>
                  <td>
                    <SeverityLozenge severity={i.severity} />
                  </td>
                  <td>
                    <StatusLozenge status={i.status} />
                  </td>
                  <td className="hide-narrow">{i.serviceId ? (serviceName.get(i.serviceId) ?? "—") : "—"}</td>
                  <td className="hide-narrow">
                    <Time iso={i.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {incidents.hasNextPage && (
        <button type="button" onClick={() => incidents.fetchNextPage()} disabled={incidents.isFetchingNextPage}>
          {incidents.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </>
  );
}
