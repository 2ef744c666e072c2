// A person's API tokens: each with when it was made and last used; an admin issues one (shown once, to copy
// now), the person or an admin revokes one with a confirming second click.
import { useState, type FormEvent } from "react";
import { useIssueToken, useRevokeToken, useTokens, type IssuedToken } from "../../api/people.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { QueryState } from "../../components/query-state.tsx";
import { Time } from "../../components/time.tsx";

export function ApiTokens({ userId, canIssue, canRevoke }: { userId: string; canIssue: boolean; canRevoke: boolean }) {
  const tokens = useTokens(userId);
  const issue = useIssueToken(userId);
  const revoke = useRevokeToken(userId);
  const [name, setName] = useState("");
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIssued(null);
    issue.mutate({ name }, { onSuccess: (t) => (setIssued(t), setName("")) });
  };

  return (
    <section className="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">A token acts as this person, with their role, for scripts and the API.</p>
      {canIssue && (
        <form className="row" onSubmit={submit} aria-label="Issue token" noValidate>
          <Field label="Token name" error={fieldError(issue.error, "name")} hint="What it is for, such as “CI deploys”">
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <button type="submit" className="primary people-issue" disabled={issue.isPending}>
            Issue token
          </button>
        </form>
      )}
      {issue.error && !fieldError(issue.error, "name") && <ErrorMessage error={issue.error} />}
      {issued && (
        <div className="people-new-token" role="status">
          <p>
            <strong>Token “{issued.name}” issued.</strong> Copy it now: it is shown only this once.
          </p>
          <input
            aria-label="New API token"
            readOnly
            value={issued.token}
            onFocus={(e) => e.currentTarget.select()}
            className="people-token-value"
          />
        </div>
      )}
      <ErrorMessage error={revoke.error} />
      <QueryState query={tokens} what="API tokens">
        {(t) =>
          t.tokens.length === 0 ? (
            <p className="muted">No working tokens.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">API tokens, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    {canRevoke && (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {t.tokens.map((tok) => (
                    <tr key={tok.id}>
                      <td>{tok.name}</td>
                      <td>
                        <Time iso={tok.createdAt} />
                      </td>
                      <td>{tok.lastUsedAt ? <Time iso={tok.lastUsedAt} /> : <span className="muted">never</span>}</td>
                      {canRevoke && (
                        <td className="people-actions">
                          {confirming === tok.id ? (
                            <>
                              <button
                                type="button"
                                className="danger"
                                disabled={revoke.isPending}
                                onClick={() =>
                                  revoke.mutate({ itemId: tok.id }, { onSettled: () => setConfirming(null) })
                                }
                              >
                                Confirm revoke<span className="visually-hidden"> token {tok.name}</span>
                              </button>
                              <button type="button" className="subtle" onClick={() => setConfirming(null)}>
                                Keep
                              </button>
                            </>
                          ) : (
                            <button type="button" onClick={() => setConfirming(tok.id)}>
                              Revoke<span className="visually-hidden"> token {tok.name}</span>
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
