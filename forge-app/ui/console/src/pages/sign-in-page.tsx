import { useState, type FormEvent } from "react";
import { Field } from "../components/field.tsx";
import { messageOf } from "../components/error-message.tsx";
import type { Me } from "../session.tsx";
import type { Transport } from "../transport/transport.ts";

/** Sign-in with an API token (the admin's is in data/admin-token; admins issue others): the service answers with a session cookie. */
export function SignInPage({ transport, onSignedIn }: { transport: Transport; onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) return setError("Paste your API token.");
    setBusy(true);
    try {
      onSignedIn(await transport.request<Me>("POST", "/api/session", { token: token.trim() }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <h1>Firewatch</h1>
      <form onSubmit={submit} className="panel" aria-label="Sign in">
        <Field
          label="API token"
          error={error}
          hint="You stay signed in on this browser until you sign out (or after 12 hours unused). The first admin token is in data/admin-token; a page's “Open in Firewatch” link signs you in too."
        >
          <input
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoFocus
          />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
