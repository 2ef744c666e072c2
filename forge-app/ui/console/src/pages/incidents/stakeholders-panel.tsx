import { useState, type FormEvent } from "react";
import type { Incident } from "../../api/incidents.ts";
import { useDirectory } from "../../api/policies.ts";
import { useAddSubscriber, useRemoveSubscriber, useSubscribers, type Subscriber } from "../../api/stakeholders.ts";
import { ConfirmedRemove } from "../../components/edit-delete-actions.tsx";
import { ErrorMessage, fieldErrorUnder } from "../../components/error-message.tsx";
import { Lozenge } from "../../components/lozenge.tsx";
import { QueryState } from "../../components/query-state.tsx";
import { useSession } from "../../session.tsx";
import {
  subscriberKey,
  targetOfChoice,
  targetOfSubscriber,
  type SubscriberChoice,
} from "../response-plays/play-draft.ts";
import { SubscriberChoiceFields } from "../response-plays/subscriber-picker.tsx";
import { KIND_LABEL, originLabel } from "./crisis-wording.ts";

const keyOf = (s: Subscriber): string => subscriberKey(targetOfSubscriber(s));

/**
 * Stakeholders: people, teams and addresses sent the incident's status updates, never paged. Responders change them;
 * anyone may subscribe or unsubscribe themselves, as the API allows.
 */
export function StakeholdersPanel({ incident }: { incident: Incident }) {
  const { can, me } = useSession();
  const subscribers = useSubscribers(incident.key);
  const list = subscribers.data?.subscribers ?? [];
  const mine = (s: Subscriber) => s.kind === "user" && "userId" in s && s.userId === me.userId;
  return (
    <section className="panel stakeholders" aria-labelledby="stakeholders-heading">
      <h2 id="stakeholders-heading">Stakeholders</h2>
      <p className="muted panel-lead">
        Sent every status update by e-mail (and Slack, where they have it); never paged.
      </p>
      <QueryState query={subscribers} what="stakeholders">
        {() =>
          list.length === 0 ? (
            <p className="muted">No stakeholders yet.</p>
          ) : (
            <ul className="item-list stakeholder-list" aria-label="Stakeholders">
              {list.map((s) => (
                <SubscriberRow key={s.id} incident={incident} subscriber={s} canRemove={can("responder") || mine(s)} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {can("responder") && incident.status !== "resolved" && (
        <AddSubscriber incident={incident} taken={new Set(list.map(keyOf))} />
      )}
      {!can("responder") && me.userId && subscribers.data && !list.some(mine) && (
        <SubscribeMe incident={incident} userId={me.userId} />
      )}
    </section>
  );
}

function SubscriberRow({
  incident,
  subscriber: s,
  canRemove,
}: {
  incident: Incident;
  subscriber: Subscriber;
  canRemove: boolean;
}) {
  const remove = useRemoveSubscriber(incident.key, s.id);
  return (
    <li>
      <span className="stakeholder-who">
        <span className="stakeholder-name">{s.name}</span>
        <small className="muted">{originLabel(s)}</small>
      </span>
      {s.kind !== "user" && <Lozenge>{KIND_LABEL[s.kind]}</Lozenge>}
      {canRemove && (
        <span className="stakeholder-remove">
          <ConfirmedRemove
            name={s.name}
            remove={remove}
            verb="Remove"
            gerund="removing"
            confirm="Remove"
            pending="Removing…"
          />
        </span>
      )}
      <ErrorMessage error={remove.error} />
    </li>
  );
}

/** Adds a person, a team or an e-mail address; says so when it was subscribed already (the API answers 200). */
function AddSubscriber({ incident, taken }: { incident: Incident; taken: ReadonlySet<string> }) {
  const { directory, error: directoryError } = useDirectory();
  const add = useAddSubscriber(incident.key);
  const [choice, setChoice] = useState<SubscriberChoice>({ choice: "", email: "" });
  // What the last add did, shown while that stakeholder is still on the list.
  const [done, setDone] = useState<{ key: string; text: string } | null>(null);
  const target = targetOfChoice(choice);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    const already = taken.has(subscriberKey(target));
    const added = await add.mutateAsync(target).catch(() => null);
    if (!added) return;
    setDone({
      key: subscriberKey(target),
      text: already ? `${added.name} was already a stakeholder.` : `Added ${added.name}.`,
    });
    setChoice({ choice: "", email: "" });
  }

  return (
    <form className="stakeholder-add" aria-label="Add a stakeholder" onSubmit={submit} noValidate>
      <SubscriberChoiceFields
        directory={directory}
        value={choice}
        taken={taken}
        label="Add a person, team or e-mail address"
        error={
          fieldErrorUnder(add.error, "email") ??
          fieldErrorUnder(add.error, "userId") ??
          fieldErrorUnder(add.error, "teamId")
        }
        onChange={(value) => {
          setChoice(value);
          setDone(null);
          add.reset();
        }}
      />
      <button type="submit" disabled={!target || add.isPending}>
        {add.isPending ? "Adding…" : "Add stakeholder"}
      </button>
      {done && taken.has(done.key) && (
        <p role="status" className="response-done">
          {done.text}
        </p>
      )}
      {add.error && !["email", "userId", "teamId"].some((f) => fieldErrorUnder(add.error, f)) && (
        <ErrorMessage error={add.error} />
      )}
      <ErrorMessage error={directoryError} />
    </form>
  );
}

/** A viewer's way to be told too: subscribes the signed-in person. */
function SubscribeMe({ incident, userId }: { incident: Incident; userId: string }) {
  const add = useAddSubscriber(incident.key);
  return (
    <>
      <button type="button" disabled={add.isPending} onClick={() => add.mutate({ userId })}>
        Send me the status updates
      </button>
      <ErrorMessage error={add.error} />
    </>
  );
}
