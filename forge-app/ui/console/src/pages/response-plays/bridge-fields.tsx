import { Field } from "../../components/field.tsx";

/** A conference bridge's link and dial-in, both optional; the form turns them into `{url, dialIn?}` or null. */
export function BridgeFields({
  url,
  dialIn,
  onChange,
  error,
  hint,
  disabled = false,
}: {
  url: string;
  dialIn: string;
  onChange: (url: string, dialIn: string) => void;
  error: (field: "url" | "dialIn") => string | null;
  hint?: string;
  disabled?: boolean;
}) {
  return (
    <fieldset className="list-editor bridge-fields">
      <legend>Conference bridge</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <div className="row">
        <Field label="Bridge URL" error={error("url")}>
          <input
            type="url"
            className="bridge-url"
            value={url}
            readOnly={disabled}
            placeholder="https://meet.example.com/incident"
            onChange={(e) => onChange(e.target.value, dialIn)}
          />
        </Field>
        <Field label="Dial-in (optional)" error={error("dialIn")}>
          <input
            value={dialIn}
            readOnly={disabled}
            placeholder="+1 555 0100,,4242#"
            onChange={(e) => onChange(url, e.target.value)}
          />
        </Field>
      </div>
    </fieldset>
  );
}
