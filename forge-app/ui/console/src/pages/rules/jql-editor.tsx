import { useEffect, useRef, useState } from "react";
import { RULES_PATH, type JqlCheck } from "../../api/rules.ts";
import { Field } from "../../components/field.tsx";
import { messageOf } from "../../components/error-message.tsx";
import { useSession } from "../../session.tsx";

const DEBOUNCE_MS = 300;

/** The validate endpoint's verdict on `jql`, asked 300 ms after the last change; stale answers are dropped. */
export function useJqlCheck(jql: string): { check: JqlCheck | null; checking: boolean; failure: string | null } {
  const { transport } = useSession();
  const [state, setState] = useState<{ jql: string; check: JqlCheck | null; failure: string | null }>({
    jql: "",
    check: null,
    failure: null,
  });
  useEffect(() => {
    if (!jql.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      transport
        .request<JqlCheck>("POST", `${RULES_PATH}/validate`, { jql })
        .then((check) => current && setState({ jql, check, failure: null }))
        .catch((error: unknown) => current && setState({ jql, check: null, failure: messageOf(error) }));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [jql, transport]);
  const fresh = state.jql === jql;
  return {
    check: fresh ? state.check : null,
    checking: jql.trim() !== "" && !fresh,
    failure: fresh ? state.failure : null,
  };
}

/**
 * The JQL textarea, validated as you type: the parser's message beside it and, under it, the offending
 * line with a caret at the column (and a button that puts the cursor there). `saveError` (the API's
 * refusal at save) wins over the live check until the JQL changes.
 */
export function JqlEditor({
  value,
  onChange,
  saveError,
  readOnly,
}: {
  value: string;
  onChange: (jql: string) => void;
  saveError: string | null;
  readOnly?: boolean;
}) {
  const { check, checking, failure } = useJqlCheck(value);
  const area = useRef<HTMLTextAreaElement>(null);
  const invalid = check && !check.valid ? check.error : null;
  const error = saveError ?? invalid?.message ?? null;
  const position = positionOf(invalid, saveError);

  const goTo = (line: number, column: number) => {
    const lines = value.split("\n");
    const offset =
      lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) +
      Math.min(column - 1, (lines[line - 1] ?? "").length);
    area.current?.focus();
    area.current?.setSelectionRange(offset, offset);
  };

  return (
    <div className="jql-editor">
      <Field
        label="JQL"
        error={error}
        hint={
          readOnly ? undefined : <JqlHint check={check} checking={checking} failure={failure} empty={!value.trim()} />
        }
      >
        <textarea
          ref={area}
          className="jql"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          readOnly={readOnly}
          required
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          rows={Math.min(8, Math.max(3, value.split("\n").length + 1))}
          placeholder="project = CI AND labels = build-failed AND priority in (Highest, High)"
        />
      </Field>
      {position && (
        <ErrorMarker
          jql={value}
          line={position.line}
          column={position.column}
          onGoTo={() => goTo(position.line, position.column)}
        />
      )}
    </div>
  );
}

/** Where the parser stopped: from the live check, else from the save's message ("… at line 2, column 14: …"). */
function positionOf(
  invalid: { line: number | null; column: number | null } | null,
  saveError: string | null,
): { line: number; column: number } | null {
  if (invalid?.line != null && invalid.column != null) return { line: invalid.line, column: invalid.column };
  const m = saveError ? /at line (\d+), column (\d+)/.exec(saveError) : null;
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

function JqlHint({
  check,
  checking,
  failure,
  empty,
}: {
  check: JqlCheck | null;
  checking: boolean;
  failure: string | null;
  empty: boolean;
}) {
  if (empty) return <>Atlassian JQL; an issue entering the results pages the service's on-call.</>;
  if (checking) return <>Checking…</>;
  if (failure) return <>Could not check the JQL: {failure}</>;
  if (check?.valid) {
    return check.projects ? (
      <>Valid JQL, limited to {check.projects.join(", ")}.</>
    ) : (
      <>Valid JQL, not limited to a project.</>
    );
  }
  return null;
}

/** The offending line with a caret under the column the parser named (one past the end: the text stops too early). */
function ErrorMarker({ jql, line, column, onGoTo }: { jql: string; line: number; column: number; onGoTo: () => void }) {
  const text = jql.split("\n")[line - 1] ?? "";
  return (
    <div className="jql-marker">
      <pre aria-hidden="true">
        <span className="jql-marker__line">{text || " "}</span>
        {"\n"}
        <span className="jql-marker__caret">{`${" ".repeat(Math.max(0, column - 1))}^`}</span>
      </pre>
      <button type="button" className="subtle" onClick={onGoTo}>
        Go to line {line}, column {column}
      </button>
    </div>
  );
}
