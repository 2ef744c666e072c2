// The Forge host page around a UI Kit module, for tests: what the Atlassian product does with the app's
// frontend. @forge/react's reconciler sends the rendered tree (its "forgeDoc") over the bridge after each
// commit (`reconcile`); @forge/bridge's `invoke` asks the host to run a resolver (`invoke`); `getContext`
// answers the module's context. This file replaces the bridge at that boundary — `globalThis.__bridge`,
// which @forge/bridge reads when it loads — so it must be imported before @forge/react and @forge/bridge.

export interface ForgeDocNode {
  readonly type: string;
  readonly props: Record<string, any>;
  readonly children: readonly ForgeDocNode[];
}

type Invoke = (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;

class ForgeHost {
  /** Each rendered root, in the order they first reconciled; a root object is updated in place. */
  readonly roots: ForgeDocNode[] = [];
  invoke: Invoke = async () => {
    throw new Error("forge host: no resolvers");
  };
  context: Record<string, unknown> = {};
  readonly errors: unknown[] = [];

  async callBridge(command: string, data: any): Promise<unknown> {
    switch (command) {
      case "reconcile":
        if (!this.roots.includes(data.forgeDoc)) this.roots.push(data.forgeDoc);
        return undefined;
      case "invoke":
        // The real bridge carries JSON both ways.
        return JSON.parse(JSON.stringify((await this.invoke(data.functionKey, data.payload ?? {})) ?? null));
      case "getContext":
        return this.context;
      case "onError":
        this.errors.push(data.error);
        return undefined;
      default:
        throw new Error(`forge host: no bridge command ${command}`);
    }
  }
}

export const host = new ForgeHost();
const global = globalThis as unknown as { self: unknown; __bridge: unknown };
global.self ??= globalThis;
global.__bridge = { callBridge: (command: string, data: unknown) => host.callBridge(command, data) };

/** The text a node shows: its strings, and its children's. */
export function textOf(node: ForgeDocNode): string {
  if (node.type === "String") return String(node.props.text);
  return node.children.map(textOf).join("");
}

export function findAll(root: ForgeDocNode, match: (node: ForgeDocNode) => boolean): ForgeDocNode[] {
  const found: ForgeDocNode[] = [];
  const walk = (node: ForgeDocNode) => {
    if (match(node)) found.push(node);
    node.children.forEach(walk);
  };
  walk(root);
  return found;
}

/** The one node of `type` whose text is `text`. @throws when there is none, or several */
export function byText(root: ForgeDocNode, type: string, text: string | RegExp): ForgeDocNode {
  const found = findAll(
    root,
    (n) => n.type === type && (typeof text === "string" ? textOf(n) === text : text.test(textOf(n))),
  );
  if (found.length !== 1) throw new Error(`expected one ${type} "${text}", found ${found.length} in: ${textOf(root)}`);
  return found[0]!;
}

/** Polls until `probe` stops throwing and returns something truthy. */
export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
