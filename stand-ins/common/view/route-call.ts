// The pages' forms act through a stand-in's REST route handlers, as one of the site's people: the same validation,
// state change and webhooks as a call of the API, without the HTTP (no request log entry: a person in the vendor's
// web UI makes no REST calls the app could see either). Each vendor builds the handler's context and turns its own
// error type into the answer the API would give.

export interface RouteLike<C, R> {
  method: string;
  pattern: RegExp;
  handler(ctx: C): R | Promise<R>;
}

export interface RouteCall {
  method: string;
  path: string;
  /** The pattern's captures, URI-decoded. */
  params: string[];
  body: unknown;
}

export type Caller<R> = (method: string, path: string, body?: unknown) => Promise<R>;

/**
 * A caller of `routes`: the handler serving `method path` runs with the context `contextFor` builds; an error it
 * throws becomes `answerFor(error)` unless that is undefined. @throws when no route serves the call
 */
export function routeCaller<C, R>(
  routes: readonly RouteLike<C, R>[],
  contextFor: (call: RouteCall) => C,
  answerFor: (error: unknown) => R | undefined,
): Caller<R> {
  return async (method, path, body) => {
    const route = routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) throw new Error(`stand-in: no route serves ${method} ${path}`);
    const params = route.pattern
      .exec(path)!
      .slice(1)
      .map((p) => decodeURIComponent(p));
    try {
      return await route.handler(contextFor({ method, path, params, body }));
    } catch (err) {
      const answer = answerFor(err);
      if (answer === undefined) throw err;
      return answer;
    }
  };
}
