// Validates manifest.yml offline with @forge/manifest: the checks `forge lint` runs on the manifest
// (schema, handler files, resources, remotes, scopes) plus the product-trigger scope check; `forge lint`
// itself needs a login and Atlassian's API. Run by `npm run build` and by forge-app/manifest.test.ts.
// `validate()` reports warnings as failures too, so only errors fail.
import { fileURLToPath } from "node:url";
import { ProcessorBuilder, ValidationTypes } from "@forge/manifest";

export interface ManifestProblem {
  readonly check: string;
  readonly level: string;
  readonly message: string;
  readonly line?: number;
}

/** The manifest's remote base URL comes from this variable when the Forge CLI deploys (docs/forge.md). */
export const SERVICE_URL_VARIABLE = "FIREWATCH_SERVICE_URL";

const CHECKS = [
  ValidationTypes.FULL,
  ValidationTypes.PRODUCT_TRIGGER,
  ValidationTypes.FORGE_REMOTE_COMPUTE,
  ValidationTypes.DEPRECATED_EGRESS_PERMISSIONS,
  ValidationTypes.DEPRECATED_CSP_METHOD,
];

/** Every problem @forge/manifest finds in `file` (relative to the app root, which must be the cwd). */
export async function manifestProblems(file = "manifest.yml"): Promise<ManifestProblem[]> {
  const problems: ManifestProblem[] = [];
  for (const check of CHECKS) {
    const result = await ProcessorBuilder.instance().withValidation(check).build().process(file);
    for (const e of result.errors ?? [])
      problems.push({ check, level: e.level ?? "error", message: e.message, ...(e.line ? { line: e.line } : {}) });
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // A placeholder lets the manifest be checked before anyone knows where the service will run.
  process.env[SERVICE_URL_VARIABLE] ??= "https://firewatch.invalid";
  const problems = await manifestProblems();
  for (const p of problems)
    console.error(`manifest.yml${p.line ? `:${p.line}` : ""}: ${p.level} (${p.check}): ${p.message}`);
  const errors = problems.filter((p) => p.level === "error");
  console.log(
    errors.length ? `manifest.yml: ${errors.length} error(s)` : `manifest.yml: valid (${problems.length} warning(s))`,
  );
  process.exit(errors.length ? 1 : 0);
}
