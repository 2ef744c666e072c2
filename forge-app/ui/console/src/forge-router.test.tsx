// The console inside Jira routes by the host page's history (@forge/bridge view.createHistory()): a link to
// https://<site>/jira/apps/<appId>/<envId>/incidents/INC-4 enters with the route "/incidents/INC-4", and the
// console's own navigation changes Jira's address. Forge's history calls listeners as history v4 did.
import { renderToString } from "react-dom/server";
import { Route, Routes, useParams } from "react-router";
import { describe, expect, it } from "vitest";
import { followHistory, ForgeRouter, navigatorOf, type ForgeHistory, type ForgeLocation } from "./forge-router.tsx";

/** A host history at `pathname`, recording what the console asks of it; `move` is the host's own navigation. */
function hostHistory(pathname: string, listenerStyle: "v4" | "v5" = "v4") {
  const calls: unknown[][] = [];
  const listeners: ((...args: unknown[]) => void)[] = [];
  const history: ForgeHistory & { location: ForgeLocation } = {
    location: { pathname, search: "", hash: "", key: "initial" },
    action: "POP",
    push: (...args) => void calls.push(["push", ...args]),
    replace: (...args) => void calls.push(["replace", ...args]),
    go: (delta) => void calls.push(["go", delta]),
    listen(listener) {
      listeners.push(listener);
      return () => void listeners.splice(listeners.indexOf(listener), 1);
    },
  };
  const move = (location: ForgeLocation, action: string) => {
    history.location = location;
    for (const l of listeners) {
      if (listenerStyle === "v4") l(location, action);
      else l({ location, action });
    }
  };
  return { history, calls, listeners, move };
}

function IncidentKey() {
  return <p>{`incident ${useParams().key}`}</p>;
}

const consoleRoutes = (
  <Routes>
    <Route path="/incidents" element={<p>all incidents</p>} />
    <Route path="/incidents/:key" element={<IncidentKey />} />
    <Route path="*" element={<p>no such page</p>} />
  </Routes>
);

describe("the console's router inside Jira", () => {
  it("opens the incident the global page's address names", () => {
    const { history } = hostHistory("/incidents/INC-4");
    expect(renderToString(<ForgeRouter history={history}>{consoleRoutes}</ForgeRouter>)).toContain(
      "<p>incident INC-4</p>",
    );
    const { history: list } = hostHistory("/incidents");
    expect(renderToString(<ForgeRouter history={list}>{consoleRoutes}</ForgeRouter>)).toContain("all incidents");
  });

  it("follows the host's navigation, told either way history versions tell it, and stops when unsubscribed", () => {
    for (const style of ["v4", "v5"] as const) {
      const { history, move, listeners } = hostHistory("/incidents", style);
      const store = followHistory(history);
      const first = store.current();
      expect(store.current()).toBe(first);
      expect(first).toMatchObject({ location: { pathname: "/incidents" }, action: "POP" });
      let changes = 0;
      const stop = store.subscribe(() => changes++);
      move({ pathname: "/incidents/INC-9", search: "?tab=timeline", hash: "", key: "k2" }, "PUSH");
      expect(changes).toBe(1);
      expect(store.current()).toMatchObject({
        location: { pathname: "/incidents/INC-9", search: "?tab=timeline" },
        action: "PUSH",
      });
      stop();
      expect(listeners).toEqual([]);
    }
  });

  it("sees a change the host made before anyone listened", () => {
    const { history } = hostHistory("/incidents");
    const store = followHistory(history);
    history.location = { pathname: "/oncall" };
    expect(store.current().location.pathname).toBe("/oncall");
  });

  it("sends the console's navigation to the host, so Jira's address follows it", () => {
    const { history, calls } = hostHistory("/");
    const navigator = navigatorOf(history);
    navigator.push("/incidents/INC-4", { from: "list" });
    navigator.replace({ pathname: "/incidents" });
    navigator.go(-1);
    expect(calls).toEqual([
      ["push", "/incidents/INC-4", { from: "list" }],
      ["replace", { pathname: "/incidents" }, undefined],
      ["go", -1],
    ]);
    // Links get a path of their own when the host's history has no createHref.
    expect(navigator.createHref({ pathname: "/rules", search: "?q=ci" })).toBe("/rules?q=ci");
  });
});
