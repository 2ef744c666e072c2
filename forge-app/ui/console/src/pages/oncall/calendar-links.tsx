// iCalendar feeds (RFC 5545) of the schedule and of one person across schedules, to copy into a calendar
// app or download. The API needs the token, so a plain link only works where the token can be sent; calendar apps
// subscribe to the person's private URL instead (people/calendar-feed.tsx).
import { useState } from "react";
import { Link } from "react-router";
import { DAY_MS as DAY } from "../../../../../../sync-service/src/domain/clock.ts";
import { rangeQuery, type Schedule } from "../../api/oncall.ts";
import { messageOf } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { useSession } from "../../session.tsx";

/** A month back and a year ahead (the API allows at most 400 days), fixed per day so the URL stays put. */
function feedRange(): string {
  const today = Math.floor(Date.now() / DAY) * DAY;
  return rangeQuery(new Date(today - 30 * DAY), new Date(today + 365 * DAY));
}

function Feed({ label, path, file }: { label: string; path: string; file: string }) {
  const { transport } = useSession();
  const [status, setStatus] = useState("");
  const url = `${window.location.origin}${path}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("Link copied.");
    } catch {
      setStatus("Copying failed; select the link and copy it.");
    }
  };
  // Downloading through the transport sends the token, which a plain link cannot.
  const download = async () => {
    try {
      const blob = new Blob([await transport.text(path)], { type: "text/calendar" });
      const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: file });
      a.click();
      URL.revokeObjectURL(a.href);
      setStatus("Downloaded.");
    } catch (error) {
      setStatus(`Download failed: ${messageOf(error)}`);
    }
  };
  return (
    <div className="row oncall-feed">
      <Field label={label}>
        <input type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <button type="button" onClick={copy}>
        Copy<span className="visually-hidden"> {label}</span>
      </button>
      <button type="button" onClick={download}>
        Download .ics<span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className="muted">
        {status}
      </span>
    </div>
  );
}

export function CalendarLinks({
  schedule,
  rostered,
  nameOf,
}: {
  schedule: Schedule;
  rostered: string[];
  nameOf: (id: string) => string;
}) {
  const { me } = useSession();
  // Per-person feeds exist for people in Firewatch; a layer may also name other ids.
  const people = rostered.filter((id) => nameOf(id) !== id);
  const [person, setPerson] = useState(people.includes(me.userId) ? me.userId : (people[0] ?? ""));
  const range = feedRange();
  return (
    <section className="panel" aria-labelledby="feeds-heading">
      <h3 id="feeds-heading">Calendar feeds</h3>
      <p className="muted">
        To subscribe from Google Calendar, Outlook or Apple Calendar, make your private calendar URL on{" "}
        <Link to={`/people/${me.userId}`}>your page</Link>. The links below are for scripts: they need an API token as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>; or download the next year as a file.
      </p>
      <Feed label="Schedule feed" path={`/api/schedules/${schedule.id}/ical?${range}`} file={`${schedule.name}.ics`} />
      {people.length > 0 && (
        <>
          <Field label="Person">
            <select value={person} onChange={(e) => setPerson(e.target.value)}>
              {people.map((id) => (
                <option key={id} value={id}>
                  {nameOf(id)}
                </option>
              ))}
            </select>
          </Field>
          {person && (
            <Feed
              label="Person's feed (all schedules)"
              path={`/api/users/${person}/oncall.ics?${range}`}
              file={`${nameOf(person)} on call.ics`}
            />
          )}
        </>
      )}
    </section>
  );
}
