import { InvalidInputDomainError } from "../errors.ts";
import { isIanaTimeZone, parseInstantText, parseLocalDateTime, parseLocalTime, WEEKDAYS, type Weekday } from "./local-time.ts";

export type { Weekday } from "./local-time.ts";
export type RotationType = "hourly" | "daily" | "weekly";

/** `start` is a local wall-clock time in the schedule's zone (no offset) at which `users[0]` begins. */
export interface Rotation {
  readonly type: RotationType;
  readonly shiftLength: number;
  readonly start: string;
}

/** A local window that opens on each of `days` at `from`; `to` earlier than (or equal to) `from` ends the next day. */
export interface Restriction {
  readonly days: readonly Weekday[];
  readonly from: string;
  readonly to: string;
}

export interface Layer {
  readonly users: readonly string[];
  readonly rotation: Rotation;
  readonly restrictions?: readonly Restriction[];
}

/** `start`/`end` are UTC instants (`…Z`); `start` inclusive, `end` exclusive. */
export interface Override {
  readonly user: string;
  readonly replaces?: string;
  readonly start: string;
  readonly end: string;
}

/** The JSON form shared by `GET/PUT /api/schedules/{id}` and `firewatch oncall who` (SPEC "Schedules as data"). */
export interface Schedule {
  readonly timeZone: string;
  readonly layers: readonly Layer[];
  readonly overrides: readonly Override[];
}

const ROTATION_TYPES: readonly RotationType[] = ["hourly", "daily", "weekly"];

/** Collects every problem with its JSON path, so one error can name them all. */
class Problems {
  readonly list: string[] = [];
  add(path: string, what: string): undefined {
    this.list.push(`${path}: ${what}`);
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * Validates a schedule in its JSON form; unknown top-level fields (id, name, …) are ignored.
 * Override instants come back normalised to UTC.
 * @throws InvalidInputDomainError `SCHEDULE.INVALID`, naming every bad field and what to write instead
 */
export function parseSchedule(json: unknown): Schedule {
  const problems = new Problems();
  const schedule = readSchedule(json, problems);
  if (!schedule || problems.list.length > 0) {
    throw new InvalidInputDomainError("SCHEDULE.INVALID", `Invalid schedule: ${problems.list.join("; ")}`);
  }
  return schedule;
}

function readSchedule(json: unknown, problems: Problems): Schedule | undefined {
  if (!isObject(json)) return problems.add("schedule", "expected a JSON object with timeZone, layers and overrides");
  const timeZone = readTimeZone(json.timeZone, problems);
  const layers = readArray(json.layers, "layers", problems, (item, path) => readLayer(item, path, problems));
  // A schedule with no overrides may leave the field out.
  const overrides = json.overrides == null ? [] : readArray(json.overrides, "overrides", problems, (item, path) => readOverride(item, path, problems));
  if (timeZone === undefined || !layers || !overrides) return undefined;
  return { timeZone, layers, overrides };
}

function readTimeZone(value: unknown, problems: Problems): string | undefined {
  if (typeof value === "string" && isIanaTimeZone(value)) return value;
  return problems.add("timeZone", `${show(value)} is not an IANA time zone name such as "America/Chicago"`);
}

/** Reads every item (so each bad one is reported); undefined when the array or any item is bad. */
function readArray<T>(value: unknown, path: string, problems: Problems, read: (item: unknown, path: string) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return problems.add(path, "expected an array");
  const items = value.map((item, i) => read(item, `${path}[${i}]`));
  return items.every((item) => item !== undefined) ? (items as T[]) : undefined;
}

function readId(value: unknown, path: string, problems: Problems): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value;
  return problems.add(path, `${show(value)} is not a user id; give a non-empty string`);
}

function readLayer(value: unknown, path: string, problems: Problems): Layer | undefined {
  if (!isObject(value)) return problems.add(path, "expected a layer object with users and rotation");
  let users = readArray(value.users, `${path}.users`, problems, (item, p) => readId(item, p, problems));
  if (users?.length === 0) users = problems.add(`${path}.users`, "give at least one user id");
  const rotation = readRotation(value.rotation, `${path}.rotation`, problems);
  const restrictions =
    value.restrictions == null
      ? undefined
      : readArray(value.restrictions, `${path}.restrictions`, problems, (item, p) => readRestriction(item, p, problems));
  if (!users || !rotation || (value.restrictions != null && !restrictions)) return undefined;
  return restrictions ? { users, rotation, restrictions } : { users, rotation };
}

function readRotation(value: unknown, path: string, problems: Problems): Rotation | undefined {
  if (!isObject(value)) return problems.add(path, "expected { type, shiftLength, start }");
  const { type, shiftLength, start } = value;
  const okType = ROTATION_TYPES.includes(type as RotationType);
  if (!okType) problems.add(`${path}.type`, `${show(type)} must be one of ${ROTATION_TYPES.join(", ")}`);
  const okLength = Number.isInteger(shiftLength) && (shiftLength as number) >= 1;
  if (!okLength) problems.add(`${path}.shiftLength`, `${show(shiftLength)} must be a whole number of at least 1`);
  const okStart = typeof start === "string" && parseLocalDateTime(start) !== undefined;
  if (!okStart) {
    problems.add(`${path}.start`, `${show(start)} must be a local date-time in timeZone without offset or Z, like "2026-03-02T09:00"`);
  }
  return okType && okLength && okStart ? { type: type as RotationType, shiftLength: shiftLength as number, start: start as string } : undefined;
}

function readRestriction(value: unknown, path: string, problems: Problems): Restriction | undefined {
  if (!isObject(value)) return problems.add(path, `expected { days, from, to }, like { "days": ["mon"], "from": "09:00", "to": "17:00" }`);
  let days = readArray(value.days, `${path}.days`, problems, (item, p) => readDay(item, p, problems));
  if (days?.length === 0) days = problems.add(`${path}.days`, "give at least one day");
  const from = readLocalTime(value.from, `${path}.from`, problems);
  const to = readLocalTime(value.to, `${path}.to`, problems);
  return days && from && to ? { days, from, to } : undefined;
}

function readDay(value: unknown, path: string, problems: Problems): Weekday | undefined {
  if (WEEKDAYS.includes(value as Weekday)) return value as Weekday;
  return problems.add(path, `${show(value)} is not a day; use one of ${WEEKDAYS.join(", ")}`);
}

function readLocalTime(value: unknown, path: string, problems: Problems): string | undefined {
  if (typeof value === "string" && parseLocalTime(value)) return value;
  return problems.add(path, `${show(value)} must be a local time HH:MM from 00:00 to 23:59, like "09:00"`);
}

function readOverride(value: unknown, path: string, problems: Problems): Override | undefined {
  if (!isObject(value)) return problems.add(path, "expected { user, replaces?, start, end }");
  const user = readId(value.user, `${path}.user`, problems);
  const replaces = value.replaces == null ? undefined : readId(value.replaces, `${path}.replaces`, problems);
  const start = readInstant(value.start, `${path}.start`, problems);
  const end = readInstant(value.end, `${path}.end`, problems);
  if (start && end && end.epochNanoseconds <= start.epochNanoseconds) {
    return problems.add(`${path}.end`, `${show(value.end)} must be after start ${show(value.start)}`);
  }
  if (!user || (value.replaces != null && !replaces) || !start || !end) return undefined;
  // SPEC: every instant is stored in UTC.
  const base = { user, start: start.toString(), end: end.toString() };
  return replaces ? { ...base, replaces } : base;
}

function readInstant(value: unknown, path: string, problems: Problems) {
  const instant = typeof value === "string" ? parseInstantText(value) : undefined;
  return instant ?? problems.add(path, `${show(value)} must be an ISO-8601 instant with offset or Z, like "2026-03-08T00:00:00Z"`);
}
