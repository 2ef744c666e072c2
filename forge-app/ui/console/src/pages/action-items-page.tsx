// The managers' tracker of postmortem action items: each is a Jira issue, read back live (the page polls,
// so a change in Jira shows up here without a reload). Filters live in the URL, so a view is a link.
import { Link, useSearchParams } from "react-router";
import {
  actionItemsPath,
  SEVERITIES,
  type ActionItemFilters,
  type ActionItemList,
  type ActionItemStatus,
  type Severity,
  type TrackedActionItem,
} from "../api/managers.ts";
import { useApi, useApiList } from "../api/hooks.ts";
import { SeverityLozenge, StatusLozenge } from "../components/lozenge.tsx";
import { QueryState } from "../components/query-state.tsx";
import { JiraIssue } from "./managers/jira-status.tsx";
import { SelectField } from "./managers/select-field.tsx";
import { Stat, Stats } from "./managers/stats.tsx";
import "./managers.css";

const STATUSES: readonly { value: ActionItemStatus | "all"; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "overdue", label: "Overdue" },
  { value: "done", label: "Done" },
  { value: "all", label: "All" },
];

/** The filters from the URL; no status means open items, the tracker's everyday view. */
function useFilters(): [ActionItemFilters, (name: keyof ActionItemFilters, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s.value === params.get("status"))?.value ?? "open";
  const severity = SEVERITIES.find((s) => s === params.get("severity")) ?? "";
  const filters = {
    status,
    severity,
    service: params.get("service") ?? "",
    owner: params.get("owner") ?? "",
  } satisfies ActionItemFilters;
  const set = (name: keyof ActionItemFilters, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && !(name === "status" && value === "open")) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [filters, set];
}

export function ActionItemsPage() {
  const [filters, setFilter] = useFilters();
  const list = useApi<ActionItemList>(actionItemsPath(filters), { live: true });
  const services = useApiList<{ services: { id: string; name: string }[] }>("/api/services", "services");
  const owners = list.data?.owners ?? [];
  // Keep a filtered-on owner selectable even before the list (or a reassignment) has it.
  const ownerOptions = filters.owner && !owners.includes(filters.owner) ? [...owners, filters.owner] : owners;

  return (
    <section aria-labelledby="action-items-heading">
      <h1 id="action-items-heading">Action items</h1>
      <p className="muted">
        Postmortem action items and their Jira issues, earliest due date first. Jira changes show up here within
        seconds.
      </p>
      <form className="row mgr-filters" aria-label="Filter action items" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Status"
          value={filters.status}
          options={STATUSES}
          onChange={(v) => setFilter("status", v)}
        />
        <SelectField
          label="Service"
          value={filters.service}
          options={[
            { value: "", label: "All services" },
            ...(services.data?.services ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
          onChange={(v) => setFilter("service", v)}
        />
        <SelectField
          label="Owner"
          value={filters.owner}
          options={[{ value: "", label: "Anyone" }, ...ownerOptions.map((o) => ({ value: o, label: o }))]}
          onChange={(v) => setFilter("owner", v)}
        />
        <SelectField
          label="Severity"
          value={filters.severity}
          options={[{ value: "", label: "All severities" }, ...SEVERITIES.map((s) => ({ value: s, label: s }))]}
          onChange={(v) => setFilter("severity", v as Severity | "")}
        />
      </form>
      <QueryState query={list} what="action items">
        {(data) => (
          <>
            <Stats label="Action items under these filters">
              <Stat label="Open" value={data.counts.open} />
              <Stat label="Overdue" value={data.counts.overdue} tone={data.counts.overdue > 0 ? "danger" : "neutral"} />
              <Stat label="Done" value={data.counts.done} tone="success" />
            </Stats>
            <ItemsTable items={data.actionItems} status={filters.status} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function ItemsTable({ items, status }: { items: TrackedActionItem[]; status: ActionItemFilters["status"] }) {
  if (items.length === 0) {
    return (
      <p className="panel muted">
        {status === "all" ? "No action items match these filters." : `No ${status} action items match these filters.`}
      </p>
    );
  }
  return (
    <div className="table-scroll panel mgr-table-panel">
      <table className="mgr-table">
        <caption className="visually-hidden">Action items, earliest due date first</caption>
        <thead>
          <tr>
            <th scope="col">Action item</th>
            <th scope="col">Incident</th>
            <th scope="col">Service</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Jira issue</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={item.overdue ? "mgr-overdue" : undefined}>
              <td data-label="Action item">{item.title}</td>
              <td data-label="Incident">
                <Link to={`/incidents/${item.incidentKey}`} title={item.incident.title}>
                  {item.incidentKey}
                </Link>{" "}
                <SeverityLozenge severity={item.incident.severity} />
              </td>
              <td data-label="Service">{item.service?.name ?? <span className="muted">—</span>}</td>
              <td data-label="Owner">{item.owner ?? <span className="muted">Unassigned</span>}</td>
              <td data-label="Due">
                <time dateTime={item.dueDate}>{item.dueDate}</time>{" "}
                {item.overdue ? <StatusLozenge status="overdue" /> : item.done ? <StatusLozenge status="done" /> : null}
              </td>
              <td data-label="Jira issue">
                <JiraIssue item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
