// Statuspage's incident as its REST API v1 (https://developer.statuspage.io/#tag/incidents) and its webhook
// notifications carry it: zod schemas of the fields Firewatch reads; unknown fields are kept out of the way, not rejected.
import { z } from "zod";

const incidentUpdateSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  body: z
    .string()
    .nullable()
    .transform((b) => b ?? ""),
  created_at: z.string(),
  affected_components: z
    .array(
      z.looseObject({
        code: z.string(),
        name: z.string(),
        old_status: z.string().nullable().optional(),
        new_status: z.string(),
      }),
    )
    .nullable()
    .optional(),
});

export const incidentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  shortlink: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  incident_updates: z.array(incidentUpdateSchema).default([]),
});

export type SpIncident = z.infer<typeof incidentSchema>;
