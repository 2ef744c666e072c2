import { useState, type FormEvent } from "react";
import { Field } from "../components/field.tsx";
import { messageOf } from "../components/error-message.tsx";
import { storeToken, type Me } from "../session.tsx";
import type { Transport } from "../transport/transport.ts";

/** Sign-in with an API token (the admin's is in data/admin-token; admins issue others). */
export function SignInPage({ transport, onSignedIn }: { transport: Transport; onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) return setError("Paste your API token.");
    setBusy(true);
    storeToken(token.trim());
    try {
      onSignedIn(await transport.request<Me>("GET", "/api/me"));
    } catch (err) {
      sessionStorage.clear();
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
          hint="Kept in this browser tab only. The first admin token is in data/admin-token."
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
