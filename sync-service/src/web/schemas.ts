// Request-schema pieces every router shares, so one rule holds wherever a kind of value comes in.
import { z } from "zod";
import { isStorableInstant } from "../domain/storable-instant.ts";

const STORABLE = "must be between the years 0001 and 9999";

/** An ISO-8601 instant with an offset or Z, in the years Firewatch can store; `error` says what is expected. */
export const instant = (error = "must be an ISO-8601 instant with offset or Z, like 2026-03-08T09:00:00Z") =>
  z.iso.datetime({ offset: true, error }).refine((text) => isStorableInstant(new Date(text)), STORABLE);

/** A calendar date (`2026-12-31`) in the years Firewatch can store. */
export const calendarDate = (error = "must be a calendar date like 2026-12-31") =>
  z.iso.date({ error }).refine((text) => isStorableInstant(new Date(`${text}T00:00:00Z`)), STORABLE);
