import { readFile } from "node:fs/promises";
import { InvalidInputDomainError } from "../domain/errors.ts";
import { parseInstantText } from "../domain/oncall/local-time.ts";
import { onCallAt } from "../domain/oncall/oncall.ts";
import { parseSchedule } from "../domain/oncall/parse-schedule.ts";
import { oneLine } from "../domain/text.ts";

/**
 * `firewatch oncall who --schedule <file.json> --at <instant>`: prints the user ids on call, one per
 * line (nothing when nobody is). The file is the body of `GET /api/schedules/{id}`; fields other
 * than the schedule's (id, name, …) are ignored.
 * @returns 0 when it printed, 2 (with one line on `err`) for a bad file, schedule or `--at`
 */
export async function oncallWho(
  args: { scheduleFile: string; at: string },
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const at = parseInstantText(args.at);
  if (!at) {
    err(
      `firewatch: --at ${JSON.stringify(args.at)} is not an ISO-8601 instant with offset or Z, like 2026-03-08T15:00:00Z`,
    );
    return 2;
  }
  let text: string;
  try {
    text = await readFile(args.scheduleFile, "utf8");
  } catch (error) {
    err(`firewatch: cannot read ${args.scheduleFile}: ${messageLine(error)}`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    err(`firewatch: ${args.scheduleFile} is not valid JSON: ${messageLine(error)}`);
    return 2;
  }
  try {
    for (const user of onCallAt(parseSchedule(json), at)) out(user);
    return 0;
  } catch (error) {
    if (!(error instanceof InvalidInputDomainError)) throw error;
    err(`firewatch: ${args.scheduleFile}: ${messageLine(error)}`);
    return 2;
  }
}

/** The error's message on one line, as stderr shows it. */
function messageLine(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}
