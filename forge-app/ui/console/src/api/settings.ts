// Tenant settings as the console reads and writes them (`/api/settings/…`); shapes are the service's own.
import type { IncidentSettings } from "../../../../../sync-service/src/web/api-types.ts";
import { useApi, useApiMutation } from "./hooks.ts";

export type { IncidentSettings };

const INCIDENT_SETTINGS = "/api/settings/incidents";

/** `{defaultServiceId}`: the service an incident is on when its declarer names none. */
export const useIncidentSettings = () => useApi<IncidentSettings>(INCIDENT_SETTINGS);

/** `PUT /api/settings/incidents` (admin). */
export const useSaveIncidentSettings = () =>
  useApiMutation<IncidentSettings, IncidentSettings>("PUT", INCIDENT_SETTINGS, [["api", INCIDENT_SETTINGS]]);
