// The people of the seeded story and when it takes place. They exist in each vendor the way they would in a real
// company (a Slack member, an Atlassian account, a phone number) and in Firewatch by its API.

export interface Person {
  readonly name: string;
  readonly email: string;
  readonly timeZone: string;
  readonly slackId: string;
  readonly slackName: string;
  readonly phone: string;
  readonly role: "admin" | "responder" | "viewer";
  /** What Firewatch pages them on, besides Slack and SMS. */
  readonly alsoByEmail: boolean;
}

/**
 * Ana and Ben share the weekly CI rotation (Ana this week); Chen, their manager, is the policy's second level. Chen
 * and Dana, the head of engineering, are the "Engineering leads": told of a build outage, never paged for it.
 */
export const CAST = {
  ana: {
    name: "Ana Lima",
    email: "ana.lima@example.com",
    timeZone: "Europe/Lisbon",
    slackId: "U0ANA",
    slackName: "ana",
    phone: "+14155550142",
    role: "responder",
    alsoByEmail: false,
  },
  ben: {
    name: "Ben Okafor",
    email: "ben.okafor@example.com",
    timeZone: "Europe/London",
    slackId: "U0BEN",
    slackName: "ben",
    phone: "+14155550143",
    role: "responder",
    alsoByEmail: false,
  },
  chen: {
    name: "Chen Wei",
    email: "chen.wei@example.com",
    timeZone: "Europe/Berlin",
    slackId: "U0CHEN",
    slackName: "chen",
    phone: "+14155550144",
    role: "admin",
    alsoByEmail: true,
  },
  dana: {
    name: "Dana Ruiz",
    email: "dana.ruiz@example.com",
    timeZone: "America/New_York",
    slackId: "U0DANA",
    slackName: "dana",
    phone: "+14155550145",
    // Reads the console and is told of status updates; takes no part in the response.
    role: "viewer",
    alsoByEmail: false,
  },
} as const satisfies Record<string, Person>;

export type CastMember = keyof typeof CAST;

const WEEK_MS = 7 * 86_400_000;
/** Weeks of history the reports show before the story's own incident. */
export const HISTORY_WEEKS = 6;

/**
 * The story's calendar: the rotation hands over on Mondays at 09:00 UTC; `thisWeek` is the hand-off that started
 * the current shift (Ana's), `rotationStart` the one HISTORY_WEEKS earlier (also Ana's, so the parity holds), and
 * the admin set everything up the morning the rotation began.
 */
export function storyCalendar(now: Date): { thisWeek: Date; rotationStart: Date; setupAt: Date } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  let thisWeek = new Date(day.getTime() - sinceMonday * 86_400_000);
  if (thisWeek > now) thisWeek = new Date(thisWeek.getTime() - WEEK_MS);
  const rotationStart = new Date(thisWeek.getTime() - HISTORY_WEEKS * WEEK_MS);
  return { thisWeek, rotationStart, setupAt: new Date(rotationStart.getTime() - 3 * 3_600_000) };
}

/** "2026-03-02T09:00": a wall-clock time in UTC, as a schedule's rotation `start` is written. */
export function wallClockUtc(at: Date): string {
  return at.toISOString().slice(0, 16);
}
