import type { Integration } from "../api/integrations.ts";
import { useSession } from "../session.tsx";

/**
 * Says, where an action would be, that its integration is not set up: an action that cannot work is not offered
 * (the service would refuse it anyway). Admins see what to set; others whom to ask.
 */
export function NotSetUp({ integration, action }: { integration: Integration; action: string }) {
  const { can } = useSession();
  return (
    <p className="not-set-up" role="note">
      <strong>{integration.label} is not set up</strong>, so {action} is off.{" "}
      {can("admin") ? `To set it up: ${integration.toSet}.` : "Ask an admin to set it up (Settings → Integrations)."}
    </p>
  );
}
