import type { Me } from "../session.tsx";

type Sandbox = NonNullable<Me["sandbox"]>;

/**
 * In `npm run demo` only (GET /api/me carries `sandbox`): says on every page that the products around Firewatch are
 * local stand-ins, and links to their pages, which the service serves under /sandbox/ (outside the console's routes,
 * so plain links).
 */
export function SandboxBanner({ sandbox }: { sandbox: Sandbox }) {
  return (
    <aside className="sandbox-banner" aria-label="Sandbox">
      <p>
        <strong>Sandbox</strong> — the Jira, Confluence, Slack, Statuspage, phone and e-mail here are local stand-ins;
        nothing leaves this machine.
      </p>
      <ul>
        {sandbox.links.map((link) => (
          <li key={link.url}>
            <a href={link.url}>{link.name}</a>
          </li>
        ))}
      </ul>
    </aside>
  );
}
