// How Firewatch reaches a person: each contact method with its notification rules, a "Send a test page" that
// goes through the same notifier a real page takes and shows what the provider said, edit and remove.
import { useState } from "react";
import {
  useContactMethods,
  useRemoveContactMethod,
  useTestPage,
  type ContactMethod,
  type TestPageResult,
} from "../../api/people.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { QueryState } from "../../components/query-state.tsx";
import { ContactMethodForm, KIND_LABEL } from "./contact-method-form.tsx";

const rulesText = (m: ContactMethod) =>
  m.rules.length === 0
    ? "never (no rules)"
    : [...m.rules]
        .map((r) => r.delayMinutes)
        .sort((a, b) => a - b)
        .map((d) => `after ${d} min`)
        .join(", ");

export function ContactMethods({ userId, canEdit }: { userId: string; canEdit: boolean }) {
  const methods = useContactMethods(userId);
  const [editing, setEditing] = useState<string | null>(null);
  // Each method's last test outcome, kept here so it stays on screen across an edit of that method.
  const [results, setResults] = useState<Record<string, TestPageResult | null>>({});
  return (
    <section className="panel" aria-labelledby="contact-methods-heading">
      <div className="spread">
        <h2 id="contact-methods-heading">Contact methods</h2>
        {canEdit && editing === null && (
          <button type="button" onClick={() => setEditing("new")}>
            Add contact method
          </button>
        )}
      </div>
      <p className="muted">When this person is paged, each method notifies them the given minutes after the page.</p>
      {editing === "new" && <ContactMethodForm userId={userId} onDone={() => setEditing(null)} />}
      <QueryState query={methods} what="contact methods">
        {({ contactMethods }) =>
          contactMethods.length === 0 ? (
            <p className="muted">No contact methods: a page cannot reach this person.</p>
          ) : (
            <ul className="people-methods">
              {contactMethods.map((m) =>
                editing === m.id ? (
                  <li key={m.id}>
                    <ContactMethodForm userId={userId} method={m} onDone={() => setEditing(null)} />
                  </li>
                ) : (
                  <MethodRow
                    key={m.id}
                    userId={userId}
                    method={m}
                    canEdit={canEdit}
                    onEdit={() => setEditing(m.id)}
                    result={results[m.id] ?? null}
                    setResult={(r) => setResults((all) => ({ ...all, [m.id]: r }))}
                  />
                ),
              )}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function MethodRow({
  userId,
  method: m,
  canEdit,
  onEdit,
  result,
  setResult,
}: {
  userId: string;
  method: ContactMethod;
  canEdit: boolean;
  onEdit: () => void;
  result: TestPageResult | null;
  setResult: (result: TestPageResult | null) => void;
}) {
  const test = useTestPage(userId);
  const remove = useRemoveContactMethod(userId);
  const [confirming, setConfirming] = useState(false);
  const label = `${KIND_LABEL[m.kind]} ${m.address}`;
  return (
    <li className="people-method" aria-label={label}>
      <div className="people-method-main">
        <span className="people-kind">{KIND_LABEL[m.kind]}</span>
        <code className="people-method-address">{m.address}</code>
        <span className="muted">Notify {rulesText(m)}</span>
      </div>
      {canEdit && (
        <div className="row people-method-actions">
          <button
            type="button"
            disabled={test.isPending}
            onClick={() => {
              setResult(null);
              test.mutate({ itemId: m.id }, { onSuccess: setResult });
            }}
          >
            {test.isPending ? "Sending…" : "Send a test page"}
            <span className="visually-hidden"> to {label}</span>
          </button>
          <button type="button" onClick={onEdit}>
            Edit<span className="visually-hidden"> {label}</span>
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ itemId: m.id }, { onSettled: () => setConfirming(false) })}
              >
                Confirm remove<span className="visually-hidden"> {label}</span>
              </button>
              <button type="button" className="subtle" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Remove<span className="visually-hidden"> {label}</span>
            </button>
          )}
        </div>
      )}
      <div aria-live="polite" className="people-test-result">
        {result && (
          <p className={result.outcome === "sent" ? "people-sent" : "people-failed"}>
            {result.outcome === "sent" ? "Sent: " : "Failed: "}
            {result.detail}
          </p>
        )}
      </div>
      <ErrorMessage error={test.error ?? remove.error} />
    </li>
  );
}
