import { useEffect, useState } from "react";
import "./copy-button.css";

/** Copies `text` to the clipboard and says so ("Copied") for a moment; says when the browser refuses. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 3_000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="copy">
      <button type="button" className="copy-button" onClick={() => void copy()}>
        {state === "copied" ? "Copied" : "Copy"}
        <span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className={state === "failed" ? "field-error" : "visually-hidden"}>
        {state === "copied" ? `${label} copied` : state === "failed" ? "Copy refused: select the text instead" : ""}
      </span>
    </span>
  );
}

/** A code sample in `<pre><code>` named by `label`, with its Copy button. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="code-block">
      <div className="code-block-bar">
        <span className="code-block-label">{label}</span>
        <CopyButton text={code} label={label} />
      </div>
      {/* Focusable, so a keyboard can scroll a sample wider than a narrow window. */}
      <pre tabIndex={0}>
        <code aria-label={label}>{code}</code>
      </pre>
    </div>
  );
}
