// JQL semantics, table-driven. Each case names the Atlassian reference behaviour it pins:
//  [fields]    https://support.atlassian.com/jira-software-cloud/docs/jql-fields/
//  [operators] https://support.atlassian.com/jira-software-cloud/docs/jql-operators/
//  [keywords]  https://support.atlassian.com/jira-software-cloud/docs/jql-keywords/
//  [functions] https://support.atlassian.com/jira-software-cloud/docs/jql-functions/
//  [text]      https://support.atlassian.com/jira-software-cloud/docs/search-for-issues-using-the-text-field/
// Issues are in the REST v3 shape (GET /rest/api/3/issue/{key}).
import { describe, expect, it } from "vitest";
import { compileJql, evaluateJql, InvalidJqlDomainError } from "./index.ts";

const adf = (text: string) => ({
  type: "doc",
  version: 1,
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});
const ada = { accountId: "5b10a2844c20165700ede21g", displayName: "Ada Oncall", emailAddress: "ada@example.com" };

const A = {
  id: "10017",
  key: "CI-17",
  fields: {
    project: { id: "10000", key: "CI", name: "Continuous Integration" },
    issuetype: { id: "10004", name: "Bug" },
    status: { id: "3", name: "In Progress", statusCategory: { id: 4, key: "indeterminate", name: "In Progress" } },
    priority: { id: "2", name: "High" },
    labels: ["build-failed", "flaky"],
    components: [{ id: "10100", name: "runner" }],
    fixVersions: [{ id: "10200", name: "2.3" }],
    assignee: ada,
    reporter: { accountId: "712020:abc", displayName: "Grace Reporter" },
    summary: "Build failed on main: disk full on runner-7",
    description: adf("The runner ran out of disk during the integration tests."),
    comment: { comments: [{ body: adf("Retried twice, still failing") }] },
    created: "2026-03-01T10:00:00.000+0000",
    updated: "2026-03-02T09:00:00.000+0000",
    duedate: "2026-03-05",
    resolution: null,
    votes: { votes: 2 },
    customfield_10010: 5,
    customfield_10020: { id: "10300", value: "EMEA" },
  },
};

const B = {
  id: "10103",
  key: "OPS-3",
  fields: {
    project: { id: "10001", key: "OPS", name: "Operations" },
    issuetype: { id: "10001", name: "Task" },
    status: { id: "10001", name: "Done", statusCategory: { id: 3, key: "done", name: "Done" } },
    priority: { id: "4", name: "Low" },
    labels: [],
    components: [],
    fixVersions: [],
    assignee: null,
    summary: "Rotate the TLS certificates",
    description: null,
    created: "2026-02-01T08:00:00.000+0000",
    resolution: { id: "10000", name: "Fixed" },
    votes: { votes: 0 },
  },
};

const PRIORITIES = ["Highest", "High", "Medium", "Low", "Lowest"];
const now = new Date("2026-03-02T12:00:00Z");
type Expect = boolean | "undecidable";
type Case = [jql: string, issue: typeof A | typeof B, expected: Expect, reference: string, ctx?: object];

const cases: Case[] = [
  ["project = CI", A, true, "[fields] Project: by key"],
  ['project = "Continuous Integration"', A, true, "[fields] Project: by name"],
  ["project = 10000", A, true, "[fields] Project: by id"],
  ["PROJECT = ci", A, true, "[fields] field names and values are case-insensitive"],
  ['"project" = CI', A, true, "[fields] quoted field name"],
  ["project != CI", B, true, "[operators] Not equals"],
  ["project != CI", A, false, "[operators] Not equals"],
  ["project in (OPS, CI)", A, true, "[operators] IN"],
  ["project not in (OPS)", A, true, "[operators] NOT IN"],
  ["issuetype = Bug", A, true, "[fields] Issue type by name"],
  ["type = bug", A, true, "[fields] 'type' is an alias of issuetype"],
  ['status = "In Progress"', A, true, "[fields] Status by name"],
  ["status = 3", A, true, "[fields] Status by id"],
  ["status != Done", A, true, "[operators] Not equals"],
  ["status != Done", B, false, "[operators] Not equals"],
  ['statusCategory = "In Progress"', A, true, "[fields] Status category by name"],
  ["statusCategory = done", B, true, "[fields] Status category by key"],
  ["priority = High", A, true, "[fields] Priority by name"],
  ["priority in (Highest, High)", A, true, "[operators] IN"],
  ["priority in (Highest)", A, false, "[operators] IN"],
  ["priority not in (Low)", B, false, "[operators] NOT IN"],
  ["priority > Medium", A, true, "[operators] Greater than: priority order", { priorities: PRIORITIES }],
  ["priority > High", A, false, "[operators] Greater than: priority order", { priorities: PRIORITIES }],
  ["priority >= High", A, true, "[operators] Greater than equals", { priorities: PRIORITIES }],
  ["priority < Medium", B, true, "[operators] Less than: priority order", { priorities: PRIORITIES }],
  ["priority > Medium", A, "undecidable", "[operators] priority order is the site's list"],
  ["labels = build-failed", A, true, "[fields] Labels: multi-valued, any label"],
  ["labels = flaky", A, true, "[fields] Labels: multi-valued"],
  ["labels = other", A, false, "[fields] Labels"],
  ["labels IN (Build-Failed)", A, true, "[fields] values are case-insensitive"],
  ["labels != flaky", A, false, "[operators] Not equals on a multi-valued field"],
  ["labels != other", A, true, "[operators] Not equals"],
  ["labels != other", B, false, "[operators] != never matches an empty field"],
  ["labels not in (x)", B, false, "[operators] NOT IN never matches an empty field"],
  ["labels not in (build-failed)", A, false, "[operators] NOT IN"],
  ["labels is EMPTY", B, true, "[keywords] EMPTY"],
  ["labels is not EMPTY", A, true, "[operators] IS NOT"],
  ["labels = EMPTY", B, true, "[keywords] EMPTY with ="],
  ["labels in (EMPTY, x)", B, true, "[keywords] EMPTY in a list"],
  ["component = runner", A, true, "[fields] Component by name"],
  ["component = 10100", A, true, "[fields] Component by id"],
  ['fixVersion = "2.3"', A, true, "[fields] Fix version"],
  ["fixVersion is EMPTY", B, true, "[keywords] EMPTY"],
  ['assignee = "Ada Oncall"', A, true, "[fields] Assignee by display name"],
  ["assignee = 5b10a2844c20165700ede21g", A, true, "[fields] Assignee by account id"],
  ['assignee = "ada@example.com"', A, true, "[fields] Assignee by email"],
  ["assignee is EMPTY", B, true, "[keywords] EMPTY: unassigned"],
  ['assignee != "ada@example.com"', B, false, "[operators] != never matches an empty field"],
  ["assignee = currentUser()", A, "undecidable", "[functions] currentUser() depends on who searches"],
  ['assignee in (nobody, "Ada Oncall")', A, true, "[operators] IN"],
  ["summary ~ disk", A, true, "[text] a word anywhere"],
  ['summary ~ "disk full"', A, true, "[text] every word, any order"],
  ['summary ~ "\\"full disk\\""', A, false, "[text] a quoted phrase must appear in order"],
  ['summary ~ "\\"disk full\\""', A, true, "[text] a quoted phrase"],
  ['summary ~ "run*"', A, true, "[text] wildcard prefix"],
  ["summary ~ kubernetes", A, false, "[text]"],
  ["summary ~ fail", A, "undecidable", "[text] stemming: 'fail' finds 'failed' in Jira"],
  ["summary !~ kubernetes", A, true, "[operators] DOES NOT CONTAIN"],
  ["description ~ disk", A, true, "[fields] Description (ADF) is text-searchable"],
  ["description ~ disk", B, false, "[fields] an empty description contains nothing"],
  ["comment ~ retried", A, true, "[fields] Comment"],
  ['text ~ "still failing"', A, true, "[fields] Text: summary, description, environment, comments"],
  ['summary = "Build failed"', A, "undecidable", "[fields] = is not supported on text fields"],
  ['created > "2026-02-28"', A, true, "[fields] Created: absolute date"],
  ['created < "2026/03/01 09:00"', A, false, "[fields] Created: yyyy/MM/dd HH:mm"],
  ["created >= -1d", A, false, "[fields] Created: relative '-1d' from now"],
  ["created > -2d", A, true, "[fields] Created: relative"],
  ['created > "-1d 4h"', A, true, "[fields] Created: combined units, the sign applies to all (28 hours ago)"],
  ['created > "-1d -4h"', A, true, "[fields] Created: combined units"],
  ["created > -20h", A, false, "[fields] Created: hours"],
  ["created > -1M", A, true, "[fields] Created: 'M' is months, 'm' minutes"],
  ["created > -1m", A, false, "[fields] Created: 'm' is minutes"],
  ["created < now()", A, true, "[functions] now()"],
  [
    'created >= "2026-03-01 04:00"',
    A,
    true,
    "[fields] dates are read in the user's time zone",
    { timeZone: "America/Chicago" },
  ],
  ['created > "2026-03-01 04:00"', A, false, "[fields] dates in the user's time zone", { timeZone: "America/Chicago" }],
  ['created > "2026-02-31"', A, "undecidable", "[fields] not a date"],
  ['due = "2026-03-05"', A, true, "[fields] Due: a date field"],
  ['duedate < "2026-03-01"', A, false, "[fields] Due"],
  ["resolution is EMPTY", A, true, "[fields] Resolution: empty while open"],
  ["resolution = Unresolved", A, true, "[fields] Resolution: 'Unresolved' is empty"],
  ["resolution = Fixed", B, true, "[fields] Resolution by name"],
  ["key = CI-17", A, true, "[fields] Issue key"],
  ["issuekey = ci-17", A, true, "[fields] 'issueKey' alias, case-insensitive"],
  ["issue in (CI-1, CI-17)", A, true, "[fields] 'issue' alias with IN"],
  ["id = 10017", A, true, "[fields] issue id"],
  ["key > CI-10", A, true, "[fields] Issue key: ordered by number within a project"],
  ["key < CI-10", A, false, "[fields] Issue key ordering"],
  ["key > OPS-1", A, false, "[fields] Issue key ordering is per project"],
  ["votes > 1", A, true, "[fields] Votes"],
  ["votes = 0", B, true, "[fields] Votes"],
  ["cf[10010] > 3", A, true, "[fields] Custom field by id: number"],
  ["cf[10010] = 5", A, true, "[fields] Custom field by id"],
  [
    '"Story Points" > 3',
    A,
    true,
    "[fields] Custom field by name",
    { customFields: { "story points": "customfield_10010" } },
  ],
  ['"Story Points" > 3', A, "undecidable", "[fields] a custom field by name needs the site's field list"],
  ["cf[10020] = EMEA", A, true, "[fields] Custom select field by option value"],
  ["cf[99999] = 1", A, "undecidable", "[fields] a custom field the payload lacks"],
  ['issue.property[triage].team = "build"', A, "undecidable", "[fields] entity properties are indexed by Jira only"],
  ['"Epic Link" = CI-1', A, "undecidable", "[fields] fields not known locally go to Jira"],
  ['status WAS "To Do"', A, "undecidable", "[operators] WAS needs history"],
  ["status CHANGED", A, "undecidable", "[operators] CHANGED needs history"],
  ["issue in linkedIssues(CI-1)", A, "undecidable", "[functions] linkedIssues()"],
  ["sprint in openSprints()", A, "undecidable", "[functions] openSprints()"],
  ["NOT project = CI", A, false, "[keywords] NOT"],
  ["NOT project = CI", B, true, "[keywords] NOT"],
  ["NOT labels = flaky", B, false, "[keywords] NOT is pushed down: like labels != flaky, not for empty fields"],
  ["NOT (project = CI AND labels = flaky)", A, false, "[keywords] NOT with parentheses (De Morgan)"],
  ["project = CI OR labels = nope", A, true, "[keywords] OR"],
  ["project = OPS OR status WAS Done", A, "undecidable", "[keywords] OR with an undecidable side"],
  ["project = CI OR status WAS Done", A, true, "[keywords] OR: one true side decides"],
  ["project = OPS AND status WAS Done", A, false, "[keywords] AND: one false side decides"],
  ["(project = CI OR project = OPS) AND NOT status = Done", A, true, "[keywords] parentheses and NOT"],
  ["(project = CI OR project = OPS) AND NOT status = Done", B, false, "[keywords] parentheses and NOT"],
  [
    "project = CI AND labels = build-failed AND priority in (Highest, High) ORDER BY created DESC",
    A,
    true,
    "[keywords] ORDER BY is ignored",
  ],
  ["project = CI AND labels = build-failed AND priority in (Highest, High)", B, false, "[keywords] AND"],
  ["project IS NOT EMPTY", A, true, "[operators] IS NOT"],
  ["ORDER BY created", B, true, "[keywords] no WHERE: every issue"],
];

describe("JQL evaluation", () => {
  it.each(cases.map(([jql, issue, expected, ref, ctx]) => [jql, issue.key, expected, ref, issue, ctx] as const))(
    "%s on %s → %s  %s",
    (jql, _key, expected, _ref, issue, ctx) => {
      const verdict = evaluateJql(compileJql(jql), issue, { now, timeZone: "UTC", ...ctx });
      expect("undecidable" in verdict ? "undecidable" : verdict.match).toBe(expected);
    },
  );

  it("names the clause and the reason when it cannot decide", () => {
    const verdict = evaluateJql(compileJql("project = CI AND status WAS Done"), A, { now, timeZone: "UTC" });
    expect(verdict).toEqual({ undecidable: "status WAS Done: history operators need the issue's change history" });
  });
});

/** What compiling `jql` threw (undefined when it compiled). */
function refusalOf(jql: string): unknown {
  try {
    compileJql(jql);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("invalid JQL", () => {
  it.each([
    ["project ==", 1, 10, /mismatched input '='/],
    ["project = CI AND", 1, 17, /mismatched input '<EOF>'|expecting/],
    ["labels in (a, b", 1, 16, /expecting|missing/],
  ])("%j is rejected with the parser's message and position", (jql, line, column, message) => {
    const error = refusalOf(jql);
    expect(error).toBeInstanceOf(InvalidJqlDomainError);
    expect((error as InvalidJqlDomainError).position).toEqual({ line, column });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(new RegExp(`^Invalid JQL at line ${line}, column ${column}: `));
  });

  it.each([
    ["2,000 parentheses", `${"(".repeat(2_000)}project = CI${")".repeat(2_000)}`],
    ["9,000 NOTs", `${"!".repeat(9_000)}project = CI`],
  ])("%s deep is refused as nested too deeply, never with the engine's stack overflow message", (_what, jql) => {
    expect(() => compileJql(jql)).toThrow(
      new InvalidJqlDomainError("Invalid JQL: nested too deeply (parentheses or NOT); flatten it.", null),
    );
  });
});

// Values no search can use are refused at save, where the parser's errors are, with the value's position;
// each bound is accepted at its edge. A rule saved with such a value once failed every issue event.
describe("JQL dates and numbers out of range", () => {
  it.each<[string, number, number, RegExp]>([
    [
      "created > -99999999999999d",
      1,
      11,
      /Date value "-99999999999999d" for field "created" reaches more than 100 years from now; a relative date reaches at most 36525d/,
    ],
    ["created > -36526d", 1, 11, /"-36526d" for field "created" reaches more than 100 years/],
    ['project = CI AND\n  updated >= "-5218w"', 2, 14, /"-5218w" for field "updated"/],
    ['createdDate > "-1d 99999999h"', 1, 15, /"-1d 99999999h" for field "createddate"/],
    [
      "due < 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000d",
      1,
      7,
      /Date value "1000000000000000000000000000000000000…" for field "due"/,
    ],
    [
      'resolved in ("2026-01-01", "0999-12-31")',
      1,
      28,
      /"0999-12-31" for field "resolved" is outside the years 1900 to 9999/,
    ],
    ["votes > 1e400", 1, 9, /Value "1e400" for field "votes" is not a whole number/],
    ["watchers >= 9007199254740993", 1, 13, /"9007199254740993" for field "watchers"/],
    [
      "status changed after -99999999999999d",
      1,
      22,
      /Date value "-99999999999999d" of AFTER reaches more than 100 years/,
    ],
    ['status was Done during ("2026-01-01", "-999999w")', 1, 39, /"-999999w" of DURING/],
  ])("%j is refused at line %i, column %i", (jql, line, column, message) => {
    const error = refusalOf(jql);
    expect(error).toBeInstanceOf(InvalidJqlDomainError);
    expect((error as InvalidJqlDomainError).position).toEqual({ line, column });
    expect((error as Error).message).toMatch(new RegExp(`^Invalid JQL at line ${line}, column ${column}: `));
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    "created > -36525d",
    'created > "-5217w 6d"',
    "created > -100y",
    "created > -1200M",
    'created > "1900-01-01"',
    'duedate < "9999/12/31 23:59"',
    "votes > 9007199254740991",
    'votes > "many"',
    'created > "2026-02-31"',
    "cf[10010] > -99999999999999d",
    "status changed after startOfDay(-99999d)",
  ])("%j is accepted (in range, or left for Jira to judge)", (jql) => {
    expect(() => compileJql(jql)).not.toThrow();
  });

  it("never throws while evaluating, whatever date a stored rule or an issue names", () => {
    const withDate = (value: string) => ({ ...A, fields: { ...A.fields, customfield_10010: value } });
    for (const jql of ["cf[10010] > -99999999999999d", 'cf[10010] > "+99999999999y"']) {
      // A custom field's type is known only from the issue: out of range there, Jira is asked.
      expect(evaluateJql(compileJql(jql), withDate("2026-03-01"), { now, timeZone: "UTC" })).toHaveProperty(
        "undecidable",
      );
    }
    // An issue's own bad date is no date.
    expect(evaluateJql(compileJql("cf[10010] < -1d"), withDate("2026-13-45"), { now, timeZone: "UTC" })).toEqual({
      match: false,
    });
  });
});
