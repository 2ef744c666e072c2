// The schedule's overrides, soonest first, each deletable by a responder (with a confirming second click).
import { useState } from "react";
import { useRemoveOverride, type Schedule } from "../../api/oncall.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Lozenge } from "../../components/lozenge.tsx";
import { Time } from "../../components/time.tsx";

export function OverrideList({
  schedule,
  nameOf,
  canEdit,
}: {
  schedule: Schedule;
  nameOf: (id: string) => string;
  canEdit: boolean;
}) {
  const remove = useRemoveOverride(schedule.id);
  const [confirming, setConfirming] = useState<number | null>(null);
  // The API addresses an override by its position in the schedule's list, so keep it beside each row.
  const rows = schedule.overrides
    .map((o, index) => ({ ...o, index }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const now = Date.now();
  const describe = (o: (typeof rows)[number]) =>
    `${nameOf(o.user)}${o.replaces ? ` replacing ${nameOf(o.replaces)}` : o.add ? " beside whoever is on call" : ""}`;

  return (
    <section className="panel" aria-labelledby="overrides-heading">
      <h3 id="overrides-heading">Overrides</h3>
      <ErrorMessage error={remove.error} />
      {rows.length === 0 ? (
        <p className="muted">No overrides. The rotation decides who is on call.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Covering</th>
                <th scope="col">Replaces</th>
                <th scope="col">Starts</th>
                <th scope="col">Ends</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr
                  key={`${o.index}-${o.user}-${o.start}`}
                  className={Date.parse(o.end) <= now ? "oncall-override--past" : undefined}
                >
                  <td>
                    {nameOf(o.user)} {Date.parse(o.end) <= now && <Lozenge>ended</Lozenge>}
                    {Date.parse(o.start) <= now && now < Date.parse(o.end) && (
                      <Lozenge appearance="inprogress">now</Lozenge>
                    )}
                  </td>
                  <td>
                    {o.replaces ? (
                      nameOf(o.replaces)
                    ) : o.add ? (
                      <span className="muted">nobody (both on call)</span>
                    ) : (
                      "whoever is on call"
                    )}
                  </td>
                  <td>
                    <Time iso={o.start} />
                  </td>
                  <td>
                    <Time iso={o.end} />
                  </td>
                  {canEdit && (
                    <td className="oncall-actions">
                      {confirming === o.index ? (
                        <>
                          <button
                            type="button"
                            className="danger"
                            disabled={remove.isPending}
                            onClick={() => remove.mutate(o.index, { onSettled: () => setConfirming(null) })}
                          >
                            Confirm delete<span className="visually-hidden"> of override: {describe(o)}</span>
                          </button>
                          <button type="button" className="subtle" onClick={() => setConfirming(null)}>
                            Keep
                          </button>
                        </>
                      ) : (
                        <button type="button" onClick={() => setConfirming(o.index)}>
                          Delete<span className="visually-hidden"> override: {describe(o)}</span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
