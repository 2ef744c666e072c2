import { InvalidScheduleDomainError, SCHEDULE_LIMITS, type ScheduleProblem } from "./schedule-limits.ts";
import {
  isIanaTimeZone,
  parseInstantText,
  parseLocalDateTime,
  parseLocalTime,
  WEEKDAYS,
  type Weekday,
} from "./local-time.ts";
import type { Layer, Override, Restriction, Rotation, RotationType, Schedule } from "./schedule.ts";

const ROTATION_TYPES: readonly RotationType[] = ["hourly", "daily", "weekly"];

/** Collects every problem with its JSON path, so one error can name them all. */
class Problems {
  readonly list: ScheduleProblem[] = [];
  add(path: string, message: string): undefined {
    this.list.push({ path, message });
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
/** The value as written, cut short: a message never echoes a megabyte back. */
const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/**
 * Validates a schedule in its JSON form; unknown top-level fields (id, name, …) are ignored.
 * Override instants come back normalised to UTC. Everything within SCHEDULE_LIMITS.
 * @throws InvalidScheduleDomainError `SCHEDULE.INVALID`, naming every bad field and what to write instead
 */
export function parseSchedule(json: unknown): Schedule {
  const problems = new Problems();
  const schedule = readSchedule(json, problems);
  if (!schedule || problems.list.length > 0) throw new InvalidScheduleDomainError(problems.list);
  return schedule;
}

function readSchedule(json: unknown, problems: Problems): Schedule | undefined {
  if (!isObject(json)) return problems.add("schedule", "expected a JSON object with timeZone, layers and overrides");
  const timeZone = readTimeZone(json.timeZone, problems);
  const layers = readArray(json.layers, "layers", SCHEDULE_LIMITS.layers, problems, (item, path) =>
    readLayer(item, path, problems),
  );
  // A schedule with no overrides may leave the field out.
  const overrides =
    json.overrides == null
      ? []
      : readArray(json.overrides, "overrides", SCHEDULE_LIMITS.overrides, problems, (item, path) =>
          readOverride(item, path, problems),
        );
  if (timeZone === undefined || !layers || !overrides) return undefined;
  return { timeZone, layers, overrides };
}

function readTimeZone(value: unknown, problems: Problems): string | undefined {
  if (typeof value === "string" && value.length <= SCHEDULE_LIMITS.timeZoneLength && isIanaTimeZone(value))
    return value;
  return problems.add("timeZone", `${show(value)} is not an IANA time zone name such as "America/Chicago"`);
}

/** Reads every item (so each bad one is reported); undefined when the array, its length or any item is bad. */
function readArray<T>(
  value: unknown,
  path: string,
  max: number,
  problems: Problems,
  read: (item: unknown, path: string) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value)) return problems.add(path, "expected an array");
  if (value.length > max) return problems.add(path, `has ${value.length} entries; give at most ${max}`);
  const items = value.map((item, i) => read(item, `${path}[${i}]`));
  return items.every((item) => item !== undefined) ? (items as T[]) : undefined;
}

function readId(value: unknown, path: string, problems: Problems): string | undefined {
  if (typeof value === "string" && value.trim() !== "" && value.length <= SCHEDULE_LIMITS.idLength) return value;
  return problems.add(
    path,
    `${show(value)} is not a user id; give a non-empty string of at most ${SCHEDULE_LIMITS.idLength} characters`,
  );
}

function readLayer(value: unknown, path: string, problems: Problems): Layer | undefined {
  if (!isObject(value)) return problems.add(path, "expected a layer object with users and rotation");
  let users = readArray(value.users, `${path}.users`, SCHEDULE_LIMITS.usersPerLayer, problems, (item, p) =>
    readId(item, p, problems),
  );
  if (users?.length === 0) users = problems.add(`${path}.users`, "give at least one user id");
  const rotation = readRotation(value.rotation, `${path}.rotation`, problems);
  const restrictions =
    value.restrictions == null
      ? undefined
      : readArray(
          value.restrictions,
          `${path}.restrictions`,
          SCHEDULE_LIMITS.restrictionsPerLayer,
          problems,
          (item, p) => readRestriction(item, p, problems),
        );
  if (!users || !rotation || (value.restrictions != null && !restrictions)) return undefined;
  return restrictions ? { users, rotation, restrictions } : { users, rotation };
}

function readRotation(value: unknown, path: string, problems: Problems): Rotation | undefined {
  if (!isObject(value)) return problems.add(path, "expected { type, shiftLength, start }");
  const { type, shiftLength, start } = value;
  const okType = ROTATION_TYPES.includes(type as RotationType);
  if (!okType) problems.add(`${path}.type`, `${show(type)} must be one of ${ROTATION_TYPES.join(", ")}`);
  const okLength = readShiftLength(
    shiftLength,
    okType ? (type as RotationType) : undefined,
    `${path}.shiftLength`,
    problems,
  );
  const okStart = readRotationStart(start, `${path}.start`, problems);
  return okType && okLength && okStart
    ? { type: type as RotationType, shiftLength: shiftLength as number, start: start as string }
    : undefined;
}

/** At most a year per shift: a longer one is a typo, and a huge one would put hand-offs beyond any date. */
function readShiftLength(value: unknown, type: RotationType | undefined, path: string, problems: Problems): boolean {
  const max = type ? SCHEDULE_LIMITS.shiftLength[type] : Math.max(...Object.values(SCHEDULE_LIMITS.shiftLength));
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max) return true;
  const rotation = type ? ` for ${type === "hourly" ? "an" : "a"} ${type} rotation (a year)` : "";
  problems.add(path, `${show(value)} must be a whole number from 1 to ${max}${rotation}`);
  return false;
}

function readRotationStart(value: unknown, path: string, problems: Problems): boolean {
  const local = typeof value === "string" ? parseLocalDateTime(value) : undefined;
  if (!local) {
    problems.add(
      path,
      `${show(value)} must be a local date-time in timeZone without offset or Z, like "2026-03-02T09:00"`,
    );
    return false;
  }
  return inYears(local.year, value, path, problems);
}

function inYears(year: number, value: unknown, path: string, problems: Problems): boolean {
  const { firstYear, lastYear } = SCHEDULE_LIMITS;
  if (year >= firstYear && year <= lastYear) return true;
  problems.add(path, `${show(value)} must fall in the years ${firstYear} to ${lastYear}`);
  return false;
}

function readRestriction(value: unknown, path: string, problems: Problems): Restriction | undefined {
  if (!isObject(value))
    return problems.add(path, `expected { days, from, to }, like { "days": ["mon"], "from": "09:00", "to": "17:00" }`);
  let days = readArray(value.days, `${path}.days`, WEEKDAYS.length, problems, (item, p) => readDay(item, p, problems));
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
  if (!isObject(value)) return problems.add(path, "expected { user, replaces?, add?, start, end }");
  const user = readId(value.user, `${path}.user`, problems);
  const replaces = value.replaces == null ? undefined : readId(value.replaces, `${path}.replaces`, problems);
  const addWhy = addProblem(value);
  if (addWhy) problems.add(`${path}.add`, addWhy);
  const start = readInstant(value.start, `${path}.start`, problems);
  const end = readInstant(value.end, `${path}.end`, problems);
  if (start && end && end.epochNanoseconds <= start.epochNanoseconds) {
    return problems.add(`${path}.end`, `${show(value.end)} must be after start ${show(value.start)}`);
  }
  if (!user || (value.replaces != null && !replaces) || addWhy || !start || !end) return undefined;
  // docs/schedules.md: every instant is stored in UTC.
  const base = { user, start: start.toString(), end: end.toString() };
  if (value.add === true) return { ...base, add: true };
  return replaces ? { ...base, replaces } : base;
}

/** What is wrong with an override's `add` (true or false, never with `replaces`), if anything. */
const addProblem = (o: Json): string | null =>
  o.add != null && typeof o.add !== "boolean"
    ? `${show(o.add)} must be true or false`
    : o.add === true && o.replaces != null
      ? "an override either replaces someone or is added beside them; drop one"
      : null;

function readInstant(value: unknown, path: string, problems: Problems) {
  const instant = typeof value === "string" ? parseInstantText(value) : undefined;
  if (!instant)
    return problems.add(
      path,
      `${show(value)} must be an ISO-8601 instant with offset or Z, like "2026-03-08T00:00:00Z"`,
    );
  return inYears(instant.toZonedDateTimeISO("UTC").year, value, path, problems) ? instant : undefined;
}
