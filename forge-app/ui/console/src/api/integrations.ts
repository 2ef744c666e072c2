// The tenant's integrations as `GET /api/integrations` reports them: configured or not, what to set, health.
import { useApi } from "./hooks.ts";

export type IntegrationName = "jira" | "confluence" | "slack" | "statuspage" | "twilio" | "email";

export interface Integration {
  readonly name: IntegrationName;
  readonly label: string;
  readonly configured: boolean;
  readonly toSet: string;
  readonly healthy: boolean | null;
  readonly lastError: string | null;
  readonly checkedAt: string | null;
  /** Twilio only: the Voice URL pattern of a service's number (live call routing). */
  readonly voiceWebhook?: { readonly configured: boolean; readonly url: string };
}

export const useIntegrations = () => useApi<{ integrations: Integration[] }>("/api/integrations");

/** The integration when it is known not to be set up; null while loading, when set up, or when unknown. */
export function useMissingIntegration(name: IntegrationName): Integration | null {
  const found = useIntegrations().data?.integrations.find((i) => i.name === name);
  return found && !found.configured ? found : null;
}
