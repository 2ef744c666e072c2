// Every successful response the emulator sends is checked against the zod schema confluence.js validates that
// endpoint's response with (generated from Atlassian's OpenAPI documents), made *strict*: an undocumented key fails
// just like a missing or mistyped one. confluence.js builds its schemas loose unless AUDIT_SCHEMAS=true was set when
// it was first imported, so the emulator rebuilds them strict itself and does not depend on import order.
// A mismatch is recorded in unexpected(): the emulator has drifted from the published API shapes.
import { z } from "zod";
import * as v1 from "confluence.js/v1";
import * as v2 from "confluence.js/v2";

const memo = new WeakMap<z.ZodType, z.ZodType>();

/** A strict copy of a confluence.js schema: objects reject unknown keys, all the way down. */
export function strict(schema: z.ZodType): z.ZodType {
  const known = memo.get(schema);
  if (known) return known;
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  let out: z.ZodType;
  switch (def.type) {
    case "object": {
      const shape: Record<string, z.ZodType> = {};
      out = z.strictObject(shape);
      memo.set(schema, out); // recursive schemas reach themselves through z.lazy
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) shape[key] = strict(value);
      out = z.strictObject(shape);
      break;
    }
    case "optional":
      out = strict(def.innerType).optional();
      break;
    case "nullable":
      out = strict(def.innerType).nullable();
      break;
    case "array":
      out = z.array(strict(def.element));
      break;
    case "lazy":
      out = z.lazy(() => strict(def.getter()));
      break;
    case "union":
      out = z.union((def.options as z.ZodType[]).map(strict) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
      break;
    default:
      out = schema;
  }
  memo.set(schema, out);
  return out;
}

export interface ResponseSchema {
  name: string;
  zod: z.ZodType;
}

const entry = (name: string, schema: z.ZodType): ResponseSchema => ({ name, zod: strict(schema) });

export const RESPONSES = {
  page: entry("v2 PageSchema", v2.PageSchema),
  pages: entry("v2 PagesSchema", v2.PagesSchema),
  pagesInSpace: entry("v2 PagesInSpaceSchema", v2.PagesInSpaceSchema),
  spaces: entry("v2 SpacesSchema", v2.SpacesSchema),
  space: entry("v2 SpaceSchema", v2.SpaceSchema),
  childPages: entry("v2 ChildPagesSchema", v2.ChildPagesSchema),
  directChildren: entry("v2 PageDirectChildrenSchema", v2.PageDirectChildrenSchema),
  pageLabels: entry("v2 PageLabelsSchema", v2.PageLabelsSchema),
  contentProperty: entry("v2 ContentPropertySchema", v2.ContentPropertySchema),
  pageContentProperties: entry("v2 PageContentPropertiesSchema", v2.PageContentPropertiesSchema),
  pageVersions: entry("v2 PageVersionsSchema", v2.PageVersionsSchema),
  detailedVersion: entry("v2 DetailedVersionSchema", v2.DetailedVersionSchema),
  labelArray: entry("v1 LabelArraySchema", v1.LabelArraySchema),
  contentArray: entry("v1 ContentArraySchema", v1.ContentArraySchema),
  user: entry("v1 UserSchema", v1.UserSchema),
  searchResults: entry("v1 SearchPageResponseSearchResultSchema", v1.SearchPageResponseSearchResultSchema),
} satisfies Record<string, ResponseSchema>;

/** Why `body` does not match, or undefined when it does. */
export function mismatch(schema: ResponseSchema, body: unknown): string | undefined {
  const parsed = schema.zod.safeParse(body);
  if (parsed.success) return undefined;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  return `response does not match confluence.js's ${schema.name}: ${issues.join("; ")}`;
}
