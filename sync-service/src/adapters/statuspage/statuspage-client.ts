// A small typed client of Atlassian Statuspage's REST API v1 (https://developer.statuspage.io/).
// Statuspage publishes no maintained JavaScript SDK, so this is fetch plus the zod schemas of
// formats/statuspage (shared with the webhook notifications).
import { z } from "zod";
import { incidentSchema, type SpIncident } from "../../formats/statuspage/statuspage-incident.ts";

export interface StatuspageSettings {
  readonly apiKey: string;
  readonly pageId: string;
  /** `https://api.statuspage.io/v1` unless set (tests point it at the emulator). */
  readonly apiUrl?: string;
  readonly timeoutMs?: number;
}

/** An answer other than 2xx, with what the API said. */
export class StatuspageHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly retryAfterSeconds: number | null,
    where: string,
  ) {
    super(`Statuspage ${where} answered ${status}: ${body.slice(0, 300)}`);
    this.name = "StatuspageHttpError";
  }
}

export class StatuspageClient {
  private readonly base: string;

  constructor(private readonly settings: StatuspageSettings) {
    const root = (settings.apiUrl ?? "https://api.statuspage.io/v1").replace(/\/+$/, "");
    this.base = `${root.endsWith("/v1") ? root : `${root}/v1`}/pages/${encodeURIComponent(settings.pageId)}`;
  }

  /** https://developer.statuspage.io/#operation/getPagesPageIdIncidentsUnresolved */
  async unresolvedIncidents(): Promise<SpIncident[]> {
    return z.array(incidentSchema).parse(await this.request("GET", "/incidents/unresolved"));
  }

  /** https://developer.statuspage.io/#operation/getPagesPageIdIncidents (newest first) */
  async recentIncidents(limit = 50): Promise<SpIncident[]> {
    return z.array(incidentSchema).parse(await this.request("GET", `/incidents?limit=${limit}&page=1`));
  }

  /** https://developer.statuspage.io/#operation/getPagesPageIdIncidentsIncidentId */
  async incident(id: string): Promise<SpIncident> {
    return incidentSchema.parse(await this.request("GET", `/incidents/${encodeURIComponent(id)}`));
  }

  /** https://developer.statuspage.io/#operation/postPagesPageIdIncidents */
  async createIncident(incident: Record<string, unknown>): Promise<SpIncident> {
    return incidentSchema.parse(await this.request("POST", "/incidents", { incident }));
  }

  /** https://developer.statuspage.io/#operation/patchPagesPageIdIncidentsIncidentId */
  async updateIncident(id: string, incident: Record<string, unknown>): Promise<SpIncident> {
    return incidentSchema.parse(await this.request("PATCH", `/incidents/${encodeURIComponent(id)}`, { incident }));
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const where = `${method} ${path.split("?")[0]}`;
    const response = await fetch(`${this.base}${path}`, {
      method,
      // "Authorization: OAuth <api key>": https://developer.statuspage.io/#section/Authentication
      headers: {
        Authorization: `OAuth ${this.settings.apiKey}`,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.settings.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    if (!response.ok) {
      const retryAfter = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
      throw new StatuspageHttpError(response.status, text, Number.isFinite(retryAfter) ? retryAfter : null, where);
    }
    return text ? JSON.parse(text) : null;
  }
}
