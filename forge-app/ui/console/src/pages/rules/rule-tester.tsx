import { useState, type FormEvent } from "react";
import { useApiMutation } from "../../api/hooks.ts";
import {
  DECIDED_BY,
  testPath,
  type BackTest,
  type IssueVerdict,
  type TestDraftBody,
  type TestRuleBody,
} from "../../api/rules.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { Lozenge } from "../../components/lozenge.tsx";
import { Time } from "../../components/time.tsx";

/**
 * Trying JQL on Jira: one issue by key, or every issue updated in the last 7 days. A saved, unchanged rule is
 * tested by id; JQL being edited is sent as it stands. Reads only, so any signed-in user may.
 */
export function RuleTester({ ruleId, jql }: { ruleId: string | null; jql: string }) {
  const [issueKey, setIssueKey] = useState("");
  const body = (extra: TestRuleBody): TestRuleBody | TestDraftBody => (ruleId ? extra : { jql, ...extra });
  const single = useApiMutation<TestRuleBody | TestDraftBody, IssueVerdict>("POST", testPath(ruleId), []);
  const backTest = useApiMutation<TestRuleBody | TestDraftBody, BackTest>("POST", testPath(ruleId), []);
  const blank = !jql.trim();

  function test(event: FormEvent) {
    event.preventDefault();
    single.mutate(body({ issueKey: issueKey.trim() }));
  }

  return (
    <section className="rule-tester">
      <h3>Try it on Jira</h3>
      <p className="muted">
        Would the JQL as it stands fire for one issue as it is now, or for the issues updated in the last 7 days?
      </p>
      <form className="row" onSubmit={test}>
        <Field label="Issue key">
          <input
            value={issueKey}
            onChange={(e) => setIssueKey(e.target.value)}
            placeholder="CI-42"
            autoCapitalize="characters"
            spellCheck={false}
            required
          />
        </Field>
        <button type="submit" disabled={blank || single.isPending || !issueKey.trim()}>
          {single.isPending ? "Testing…" : "Test"}
        </button>
      </form>
      <ErrorMessage error={single.error} />
      {single.data && <Verdict verdict={single.data} />}

      <div className="row rule-tester__backtest">
        <button type="button" disabled={blank || backTest.isPending} onClick={() => backTest.mutate(body({}))}>
          {backTest.isPending ? "Back-testing…" : "Back-test last 7 days"}
        </button>
      </div>
      <ErrorMessage error={backTest.error} />
      {backTest.data && <BackTestTable result={backTest.data} />}
    </section>
  );
}

function Verdict({ verdict }: { verdict: IssueVerdict }) {
  return (
    <p className="rule-verdict" role="status">
      <strong>{verdict.issueKey}</strong> {verdict.summary && <span className="muted">{verdict.summary}</span>}{" "}
      {verdict.wouldFire ? (
        <Lozenge appearance="removed">would fire</Lozenge>
      ) : (
        <Lozenge appearance="success">would not fire</Lozenge>
      )}{" "}
      <span className="muted">decided by {DECIDED_BY[verdict.decidedBy]}</span>
    </p>
  );
}

function BackTestTable({ result }: { result: BackTest }) {
  return (
    <div className="rule-backtest">
      <p role="status">
        {result.wouldFire} of {result.examined} issue{result.examined === 1 ? "" : "s"} updated since{" "}
        <Time iso={result.since} /> would fire.
      </p>
      {result.issues.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Back-test: issues updated in the last 7 days</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Summary</th>
                <th scope="col">Would fire</th>
                <th scope="col" className="hide-narrow">
                  Decided by
                </th>
              </tr>
            </thead>
            <tbody>
              {result.issues.map((issue) => (
                <tr key={issue.key}>
                  <td className="nowrap">{issue.key}</td>
                  <td>{issue.summary}</td>
                  <td>{issue.wouldFire ? <Lozenge appearance="removed">yes</Lozenge> : <Lozenge>no</Lozenge>}</td>
                  <td className="hide-narrow muted">{DECIDED_BY[issue.decidedBy]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
