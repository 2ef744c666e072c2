import { openDatabase } from "../adapters/persistence/database.ts";
import { accessRepository } from "../adapters/persistence/access-repository.ts";
import { prismaUnitOfWork } from "../adapters/persistence/unit-of-work.ts";
import { checkJiraSite } from "../adapters/jira/jira-site-check.ts";
import type { Config } from "../config.ts";

/** `firewatch jira check`. @returns the exit code: 0 when everything needed is there, 1 otherwise */
export async function jiraCheck(config: Config, out: (line: string) => void): Promise<number> {
  if (!config.jira) {
    const missing = ["JIRA_BASE_URL", "JIRA_EMAIL", "JIRA_API_TOKEN"].filter(
      (name) => !config.env[name as keyof typeof config.env],
    );
    out(`missing  configuration: set ${missing.join(", ")}`);
    return 1;
  }
  const database = await openDatabase(config.database);
  try {
    const tenantId = await accessRepository(database.prisma).ensureDefaultTenant();
    const services = await prismaUnitOfWork(database.prisma, { jobsEnqueued() {} }).run((tx) =>
      tx.services.list(tenantId),
    );
    const findings = await checkJiraSite(config.jira, services);
    if (!config.env.JIRA_WEBHOOK_SECRET)
      findings.push({ ok: false, what: "JIRA_WEBHOOK_SECRET is not set: Jira's webhooks will be refused" });
    for (const f of findings) out(`${f.ok ? "ok      " : "missing "} ${f.what}`);
    return findings.every((f) => f.ok) ? 0 : 1;
  } finally {
    await database.close();
  }
}
