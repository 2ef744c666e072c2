import { STATUS_POST_STATUSES, type StatusPostBody } from "../../api/incidents.ts";
import { Field } from "../../components/field.tsx";

/** The public side of a status update: what the status page shows, separate from what stakeholders are told. */
export interface PublicDraft {
  title: string;
  body: string;
  status: StatusPostBody["status"];
  notify: boolean;
}

/** The fields "Also post to the public status page" reveals; `error(field)` is the API's word on `title` or `body`. */
export function PublicPostFields({
  draft,
  onChange,
  error,
}: {
  draft: PublicDraft;
  onChange: (draft: PublicDraft) => void;
  error: (field: "title" | "body" | "status") => string | null;
}) {
  return (
    <fieldset className="public-post">
      <legend>Public status page</legend>
      <Field
        label="Public title"
        hint="The incident's name on the status page; keep internal names out of it."
        error={error("title")}
      >
        <input value={draft.title} maxLength={255} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
      </Field>
      <Field label="Public text" error={error("body")}>
        <textarea rows={3} value={draft.body} onChange={(e) => onChange({ ...draft, body: e.target.value })} />
      </Field>
      <div className="row">
        <Field label="Public status" error={error("status")}>
          <select
            value={draft.status}
            onChange={(e) => onChange({ ...draft, status: e.target.value as PublicDraft["status"] })}
          >
            {STATUS_POST_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.notify}
            onChange={(e) => onChange({ ...draft, notify: e.target.checked })}
          />
          Notify the status page's subscribers
        </label>
      </div>
    </fieldset>
  );
}
