// Postmortem templates from templates/*.json, validated once at start: a bad template stops the service
// with the file and the field named, instead of failing the first postmortem.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SECTION_GENERATORS, type PostmortemTemplate } from "../../domain/postmortem/template.ts";
import { SEVERITIES } from "../../domain/severity.ts";

export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../templates");

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be lowercase letters, digits and hyphens");
const section = z.discriminatedUnion("owner", [
  z.strictObject({ id, title: z.string().trim().min(1).max(200), owner: z.literal("generated"), generator: z.enum(SECTION_GENERATORS), required: z.boolean() }),
  z.strictObject({ id, title: z.string().trim().min(1).max(200), owner: z.literal("people"), required: z.boolean(), hint: z.string().max(1000).optional() }),
]);
const template = z.strictObject({
  id,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(""),
  appliesTo: z.strictObject({ services: z.array(z.string()).default([]), severities: z.array(z.enum(SEVERITIES)).default([]) }).default({ services: [], severities: [] }),
  sections: z
    .array(section)
    .min(1)
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, "section ids must be unique"),
});

export class TemplateError extends Error {}

/** @throws TemplateError naming the file and what is wrong; a directory without default.json is an error too */
export function loadTemplates(dir: string = TEMPLATES_DIR): PostmortemTemplate[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  const templates = files.map((file) => {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    } catch (error) {
      throw new TemplateError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = template.safeParse(json);
    if (!parsed.success) throw new TemplateError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ")}`);
    return parsed.data;
  });
  if (!templates.some((t) => t.id === "default")) throw new TemplateError(`${dir} has no template with id "default"`);
  return templates;
}
