// A person's private calendar URL: calendar apps (Google, Outlook, Apple) subscribe to a bare URL and cannot send
// a token, so the URL is the secret. Shown once when made; replacing it or turning it off kills the old one.
import { useState } from "react";
import { useCalendarFeed, useMakeCalendarFeed, useStopCalendarFeed } from "../../api/people.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { QueryState } from "../../components/query-state.tsx";
import { Time } from "../../components/time.tsx";
import { CopyButton } from "../../components/copy-button.tsx";

export function CalendarFeedPanel({ userId, name, self }: { userId: string; name: string; self: boolean }) {
  const feed = useCalendarFeed(userId);
  const make = useMakeCalendarFeed(userId);
  const stop = useStopCalendarFeed(userId);
  const [url, setUrl] = useState<string | null>(null);
  const [confirmingOff, setConfirmingOff] = useState(false);
  const whose = self ? "your" : `${name}’s`;

  const create = () => make.mutate({}, { onSuccess: (made) => (setUrl(made.url), setConfirmingOff(false)) });
  const turnOff = () => stop.mutate(undefined, { onSuccess: () => (setUrl(null), setConfirmingOff(false)) });

  return (
    <section className="panel" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar</h2>
      <p className="muted">
        A private URL of {whose} shifts across every schedule, a month back and six months ahead, for Google Calendar
        (“From URL”), Outlook (“Subscribe from web”) or Apple Calendar. Anyone with the URL sees these shifts.
      </p>
      {url && (
        <div className="people-new-token" role="status">
          <p>
            <strong>Calendar URL made.</strong> Copy it into the calendar app now: it is shown only this once.
          </p>
          <div className="row">
            <input
              aria-label="Calendar URL"
              readOnly
              value={url}
              onFocus={(e) => e.currentTarget.select()}
              className="people-token-value"
            />
            <CopyButton text={url} label="Calendar URL" />
          </div>
        </div>
      )}
      <ErrorMessage error={make.error ?? stop.error} />
      <QueryState query={feed} what="the calendar URL">
        {({ feed: current }) =>
          current === null ? (
            <>
              <p>No calendar URL: calendar apps cannot see {whose} shifts.</p>
              <button type="button" className="primary" disabled={make.isPending} onClick={create}>
                Make a calendar URL
              </button>
            </>
          ) : (
            <>
              <p>
                Calendar URL made <Time iso={current.createdAt} />;{" "}
                {current.lastUsedAt ? (
                  <>
                    last read by a calendar app <Time iso={current.lastUsedAt} />.
                  </>
                ) : (
                  <>no calendar app has read it yet.</>
                )}
              </p>
              <div className="row">
                <button type="button" disabled={make.isPending} onClick={create}>
                  Replace URL<span className="visually-hidden"> (the current one stops working)</span>
                </button>
                {confirmingOff ? (
                  <>
                    <button type="button" className="danger" disabled={stop.isPending} onClick={turnOff}>
                      Confirm turn off
                    </button>
                    <button type="button" className="subtle" onClick={() => setConfirmingOff(false)}>
                      Keep
                    </button>
                  </>
                ) : (
                  <button type="button" onClick={() => setConfirmingOff(true)}>
                    Turn off
                  </button>
                )}
              </div>
              <p className="muted">Lost the URL, or shared it by mistake? Replace it: the old one stops at once.</p>
            </>
          )
        }
      </QueryState>
    </section>
  );
}
