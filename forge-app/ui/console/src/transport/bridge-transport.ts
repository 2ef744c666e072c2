// Inside Jira the console is the Forge app's Custom UI: it cannot hold an API token, so every call goes
// through @forge/bridge's invoke() to the app's `api` resolver, which forwards it to the sync service
// over Forge Remote with a Forge Invocation Token (https://developer.atlassian.com/platform/forge/custom-ui-bridge/invoke/).
import { apiErrorOf, type HttpMethod, type Transport } from "./transport.ts";

/** What the `api` resolver answers: the service's status and body, passed through unchanged. */
export interface BridgeAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type Invoke = (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;

export function bridgeTransport(invoke: Invoke): Transport {
  async function call(method: HttpMethod, path: string, body?: unknown): Promise<BridgeAnswer> {
    const answer = (await invoke("api", { method, path, body })) as BridgeAnswer;
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw apiErrorOf(answer.status, answer.body);
  }
  return {
    async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      return (await call(method, path, body)).body as T;
    },
    async text(path: string): Promise<string> {
      return String((await call("GET", path)).body ?? "");
    },
  };
}
