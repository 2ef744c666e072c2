import { Link } from "react-router";
import { useApi } from "../../api/hooks.ts";
import { useSession } from "../../session.tsx";

interface Step {
  readonly label: string;
  readonly to: string;
  readonly done: boolean | undefined;
}

/**
 * The first-run checklist an admin sees on the incidents page until Firewatch can page someone: each step ticks
 * itself off from what exists (a service, the admin's own contact method, a schedule, a policy, a first alert).
 */
export function GettingStarted() {
  const { me, can } = useSession();
  const any = (path: string, field: string) => {
    const list = useApi<Record<string, unknown[]>>(path).data?.[field];
    return list ? list.length > 0 : undefined;
  };
  const steps: Step[] = [
    { label: "Create a service", to: "/services", done: any("/api/services?limit=1", "services") },
    {
      label: "Add yourself a contact method",
      to: `/people/${me.userId}`,
      done: any(`/api/users/${me.userId}/contact-methods`, "contactMethods"),
    },
    { label: "Make an on-call schedule", to: "/schedules", done: any("/api/schedules?limit=1", "schedules") },
    {
      label: "Make an escalation policy and put the service on it",
      to: "/escalation-policies",
      done: any("/api/escalation-policies", "policies"),
    },
    {
      label: "Send a test alert (the service page has a sample)",
      to: "/services",
      done: any("/api/incidents?limit=1", "incidents"),
    },
  ];
  if (!can("admin") || steps.some((s) => s.done === undefined) || steps.every((s) => s.done)) return null;
  const count = steps.filter((s) => s.done).length;
  return (
    <section className="panel getting-started" aria-labelledby="getting-started-heading">
      <h2 id="getting-started-heading">
        Get started: {count} of {steps.length} done
      </h2>
      <ol>
        {steps.map((s) => (
          <li key={s.label} className={s.done ? "done" : undefined}>
            <span aria-hidden="true">{s.done ? "✓" : "○"}</span>{" "}
            {s.done ? (
              <>
                {s.label} <span className="visually-hidden">(done)</span>
              </>
            ) : (
              <Link to={s.to}>{s.label}</Link>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
