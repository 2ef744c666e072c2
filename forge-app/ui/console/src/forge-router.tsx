// Inside Jira the console is the app's global page, and Jira's address bar holds the console's route: a link
// https://<site>/jira/apps/<appId>/<envId>/incidents/INC-4 opens the page with the route "/incidents/INC-4", which
// the page reads, follows and updates through @forge/bridge's view.createHistory()
// (https://developer.atlassian.com/platform/forge/add-routing-to-a-full-page-app/). The iframe's own address is
// Forge's, so the standalone console's hash routes would not survive a reload or a shared link there.
import { useMemo, useSyncExternalStore, type ReactNode } from "react";
import { createPath, NavigationType, Router, type Location, type Navigator, type To } from "react-router";

/** A location as the host's history has it. */
export interface ForgeLocation {
  readonly pathname: string;
  readonly search?: string;
  readonly hash?: string;
  readonly state?: unknown;
  readonly key?: string;
}

/**
 * What view.createHistory() hands back: a `history` package object kept by the host page. Forge calls listeners as
 * history v4 did, `(location, action)`; v5 calls them with `({ location, action })`. Both are taken.
 */
export interface ForgeHistory {
  readonly location: ForgeLocation;
  readonly action?: string;
  push(to: To, state?: unknown): void;
  replace(to: To, state?: unknown): void;
  go(delta: number): void;
  listen(listener: (...args: unknown[]) => void): () => void;
  createHref?(to: To): string;
}

export interface RouteState {
  readonly location: Partial<Location>;
  readonly action: NavigationType;
}

const ACTIONS = new Set<string>([NavigationType.Pop, NavigationType.Push, NavigationType.Replace]);

function routeState(location: ForgeLocation, action: unknown): RouteState {
  const { pathname, search = "", hash = "", state = null, key = "default" } = location;
  return {
    location: { pathname: pathname || "/", search, hash, state, key },
    action: typeof action === "string" && ACTIONS.has(action) ? (action as NavigationType) : NavigationType.Pop,
  };
}

/**
 * The host history's route as a store for useSyncExternalStore: `current` is the history's location (the bridge
 * keeps `history.location` current itself), the same object until it changes; `subscribe` hears every change.
 */
export function followHistory(history: ForgeHistory) {
  let seen = history.location;
  let action: unknown = history.action;
  let state = routeState(seen, action);
  return {
    current(): RouteState {
      if (history.location !== seen) [seen, state] = [history.location, routeState(history.location, action)];
      return state;
    },
    subscribe(onChange: () => void): () => void {
      return history.listen((first: unknown, second: unknown) => {
        const update =
          first !== null && typeof first === "object" && "location" in first
            ? (first as { location: ForgeLocation; action?: unknown })
            : { location: first as ForgeLocation, action: second };
        [seen, action] = [update.location, update.action];
        state = routeState(seen, action);
        onChange();
      });
    },
  };
}

/** React Router's navigator over the host's history: every navigation in the console changes Jira's address. */
export function navigatorOf(history: ForgeHistory): Navigator {
  return {
    createHref: (to) => (history.createHref ? history.createHref(to) : typeof to === "string" ? to : createPath(to)),
    push: (to, state) => history.push(to, state),
    replace: (to, state) => history.replace(to, state),
    go: (delta) => history.go(delta),
  };
}

/** Routes the console by the host page's history (inside Jira) instead of the iframe's own address. */
export function ForgeRouter({ history, children }: { history: ForgeHistory; children: ReactNode }) {
  const store = useMemo(() => followHistory(history), [history]);
  const { location, action } = useSyncExternalStore(store.subscribe, store.current, store.current);
  const navigator = useMemo(() => navigatorOf(history), [history]);
  return (
    <Router location={location} navigationType={action} navigator={navigator}>
      {children}
    </Router>
  );
}
