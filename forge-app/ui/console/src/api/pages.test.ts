// Following the API's cursors: every page is asked for with the previous `nextCursor`, and the items join.
import { describe, expect, it } from "vitest";
import type { Transport } from "../transport/transport.ts";
import { fetchAllPages } from "./pages.ts";

function pagedTransport(items: string[], pageSize: number, asked: string[]): Transport {
  return {
    async request<T>(_method: string, path: string): Promise<T> {
      asked.push(path);
      const url = new URL(path, "http://console");
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const end = start + Math.min(pageSize, Number(url.searchParams.get("limit")));
      return { users: items.slice(start, end), nextCursor: end < items.length ? String(end) : null } as T;
    },
    text: async () => "",
  };
}

describe("fetchAllPages", () => {
  it("follows nextCursor to the last page and joins the items in order", async () => {
    const asked: string[] = [];
    const items = Array.from({ length: 7 }, (_, i) => `u${i}`);
    expect(await fetchAllPages<{ users: string[] }>(pagedTransport(items, 3, asked), "/api/users", "users")).toEqual({
      users: items,
    });
    expect(asked).toEqual(["/api/users?limit=500", "/api/users?limit=500&cursor=3", "/api/users?limit=500&cursor=6"]);
  });

  it("adds its query to a path that has one", async () => {
    const asked: string[] = [];
    await fetchAllPages<{ users: string[] }>(pagedTransport(["a"], 3, asked), "/api/users?role=admin", "users");
    expect(asked).toEqual(["/api/users?role=admin&limit=500"]);
  });
});
