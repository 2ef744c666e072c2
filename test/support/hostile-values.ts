// fast-check arbitraries for hostile input: values a careless or malicious client sends where a field is
// expected (wrong types, numbers at and past every limit, NaN-ish and date-ish strings, NUL and unpaired
// surrogates, 100 KB strings, deep nesting), mutations of a valid body, of path parameters and of query
// strings, and bodies that are not the JSON their headers promise.
import { gzipSync } from "node:zlib";
import fc from "fast-check";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HUGE = "x".repeat(100_000);

/** `[[…]]` `depth` deep, as a value (JSON.stringify copes up to a few thousand). */
export const nestedValue = (depth: number): Json => {
  let value: Json = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a\u0000b",
      "\ud800",
      "x\udfff",
      "NaN",
      "Infinity",
      "-Infinity",
      "-0",
      "1e308",
      "1e400",
      "0x1F",
      "null",
      "true",
      "[]",
      "{}",
      "2147483648",
      "-2147483649",
      "99999999999",
      "9223372036854775808",
      "1e15",
      "0.5",
      "-1",
      "💥",
      "\u202e",
      "%00",
      "%",
      "../../etc/passwd",
      "<script>alert(1)</script>",
      "'; DROP TABLE incidents; --",
      "INC-0",
      "INC-99999999999999999999",
      "+099999-01-01T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "-000001-01-01T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "2026-13-01",
      "00000000-0000-0000-0000-000000000000",
      "6f1c2d3e-0000-4000-8000-000000000000",
      "project = CI AND created > -99999999999999d",
      `${"(".repeat(3000)}a = 1${")".repeat(3000)}`,
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 20,
    }),
  },
  { weight: 1, arbitrary: fc.constant(HUGE) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    2 ** 53 + 2,
    -(2 ** 53),
    -0,
    0,
    0.5,
    -1,
    1e-320,
    2 ** 31,
    2 ** 32,
    1e15,
    99_999,
    10_000,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<Json>(true, false, null, [], {}, [null], { "": null }) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 1_000 }).map(nestedValue) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 300 }) },
);

type Key = string | number;

/** Every path into a value down to 8 levels (a nested value the fuzzer put there is not walked), the root first. */
function pathsOf(value: Json, prefix: Key[] = []): Key[][] {
  const out: Key[][] = [prefix];
  if (prefix.length >= 8) return out;
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

type Mutation = { op: "replace" | "delete" | "extra" | "wrap"; at: number; value: Json; key: string };

/** `value` with the node at `path` replaced by `change(node)`; only the containers on the path are copied. */
function changeAt(value: Json, path: readonly Key[], change: (node: Json) => Json | undefined): Json | undefined {
  if (path.length === 0) return change(value);
  const [key, ...rest] = path as [Key, ...Key[]];
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const changed = changeAt(copy[key], rest, change);
  if (changed !== undefined) copy[key] = changed;
  else if (Array.isArray(copy)) copy.splice(Number(key), 1);
  else delete copy[key];
  return copy;
}

const isObject = (v: Json): v is { [key: string]: Json } => v !== null && typeof v === "object" && !Array.isArray(v);

function apply(body: Json, m: Mutation): Json {
  const paths = pathsOf(body);
  const path = paths[m.at % paths.length]!;
  const changed = changeAt(body, path, (node) => {
    if (m.op === "wrap") return [node];
    if (m.op === "delete") return undefined;
    if (m.op === "extra" && isObject(node)) return { ...node, [m.key]: m.value };
    return m.value;
  });
  return changed === undefined ? null : changed;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("replace", "replace", "replace", "delete", "extra", "wrap"),
  at: fc.nat(),
  value: hostileValue,
  key: fc.oneof(fc.constantFrom("extra", "__proto__", "constructor", "a\u0000"), fc.string({ maxLength: 8 })),
});

/** The valid body, one to three mutations of it, or any JSON at all. */
export function hostileBody(valid: Json): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(valid) },
    { weight: 6, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(apply, valid)) },
    { weight: 2, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> },
  );
}

/** How the body goes on the wire: mostly as the JSON it is, sometimes as bytes that are not what the headers say. */
export type Wire = { headers: Record<string, string>; body: string | Buffer };

export function hostileWire(contentType: string, text: string): fc.Arbitrary<Wire> {
  const as = (body: string | Buffer, headers: Record<string, string> = {}): Wire => ({
    body,
    headers: { "content-type": contentType, ...headers },
  });
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(as(text)) },
    { weight: 1, arbitrary: fc.nat().map((n) => as(text.slice(0, n % Math.max(1, text.length)))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        as(gzipSync(text), { "content-encoding": "gzip" }),
        as("certainly not gzip", { "content-encoding": "gzip" }),
        as(gzipSync(text).subarray(0, 12), { "content-encoding": "gzip" }),
        as("not deflate either", { "content-encoding": "deflate" }),
        as("nor brotli", { "content-encoding": "br" }),
        as(text, { "content-encoding": "compress" }),
        as(text, { "content-type": `${contentType}; charset=koi8-r` }),
        as(text, { "content-type": "text/plain" }),
        as(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
        as(`${"[".repeat(200_000)}${"]".repeat(200_000)}`),
        as(`{"a":${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}}`),
        as(""),
      ),
    },
  );
}

/** A path segment: the valid one, or something hostile, percent-encoded or raw. */
export function hostileSegment(valid: string): fc.Arbitrary<string> {
  const encoded = hostileString
    .filter((s) => s.length < 4_000)
    .map((s) => {
      try {
        return encodeURIComponent(s);
      } catch {
        return "%ED%A0%80"; // an unpaired surrogate as UTF-8 would spell it, which is not UTF-8
      }
    });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(valid) },
    { weight: 4, arbitrary: encoded },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "%FF",
        "%00",
        "%C0%AF",
        "%",
        "%2F",
        "%2e%2e",
        "-1",
        "0",
        "99999999999999999999",
        "1e308",
        `${valid}%00`,
        "x".repeat(6_000),
      ),
    },
  );
}

/** The valid query, with values replaced, repeated or added. */
export function hostileQuery(valid: Record<string, string>): fc.Arbitrary<string> {
  const keys = [...Object.keys(valid), "limit", "cursor", "q", "from", "to", "format", "extra"];
  const edit = fc.record({
    key: fc.constantFrom(...keys),
    value: fc.oneof(
      hostileString.filter((s) => s.length < 4_000),
      hostileNumber.map(String),
    ),
    repeat: fc.boolean(),
  });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(new URLSearchParams(valid).toString()) },
    {
      weight: 4,
      arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
        const q = new URLSearchParams(valid);
        for (const { key, value, repeat } of edits) {
          if (repeat) q.append(key, value);
          else q.set(key, value);
        }
        return q.toString();
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "q=%00",
        "limit=%FF",
        "from=%ED%A0%80",
        "a[b]=1",
        "limit=1&limit=2",
        "=",
        "&&&",
        "q=" + "%41".repeat(3_000),
      ),
    },
  );
}
