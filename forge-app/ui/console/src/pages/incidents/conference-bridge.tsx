import type { ConferenceBridge } from "../../api/stakeholders.ts";
import { CopyButton } from "../../components/copy-button.tsx";
import { Icon } from "../../components/icons.tsx";

/** The incident's conference bridge under its header, where responders look first: the link, the dial-in, copy buttons. */
export function ConferenceBridgeBar({ bridge }: { bridge: ConferenceBridge | null | undefined }) {
  if (!bridge) return null;
  return (
    <section className="bridge-bar" aria-labelledby="bridge-heading">
      <Icon name="phone" />
      <h2 id="bridge-heading">Conference bridge</h2>
      <span className="bridge-item">
        <a href={bridge.url} target="_blank" rel="noreferrer" className="bridge-link">
          Join the bridge<span className="visually-hidden"> (opens a new tab)</span>
        </a>
        <span className="bridge-url muted">{bridge.url}</span>
        <CopyButton text={bridge.url} label="Bridge link" />
      </span>
      {bridge.dialIn && (
        <span className="bridge-item">
          <span>
            Dial-in: <strong>{bridge.dialIn}</strong>
          </span>
          <CopyButton text={bridge.dialIn} label="Dial-in" />
        </span>
      )}
    </section>
  );
}
