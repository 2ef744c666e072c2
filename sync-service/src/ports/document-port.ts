// The document capability: the postmortem page (Confluence today). The adapter owns the page format:
// it renders the neutral document, merges it into the page people may have edited, and writes with the
// page's version, re-reading and merging again when someone saved in between. Adapters throw IntegrationError
// (integration-errors.ts): rejected (bad space, invalid body), access, not_configured, transient (rate limit).
import type { PostmortemDocument } from "../domain/postmortem/document.ts";
import { IntegrationError } from "./integration-errors.ts";

export interface PublishedPage {
  readonly pageId: string;
  readonly version: number;
  readonly url: string;
  readonly timelinePageId: string | null;
  /** Each people's section of the template: whether someone has written in it (read from the page just written). */
  readonly sectionsWritten: Readonly<Record<string, boolean>>;
  /** Requests this publish made, for the benchmark's "constant per refresh" figure. */
  readonly requests: number;
}

export interface PublishRequest {
  readonly incidentId: string;
  /** Known page id, or null to find (by the incident's page property) or create it. */
  readonly pageId: string | null;
  readonly timelinePageId: string | null;
  /** Where new pages go: a parent page named after this (created when missing), e.g. the service or the year. */
  readonly parentTitle: string;
  readonly document: PostmortemDocument;
}

export interface DocumentPort {
  readonly configured: boolean;
  publish(request: PublishRequest): Promise<PublishedPage>;
  /** Whether each people's section has been written, read from the page now. */
  sectionsWritten(pageId: string, document: PostmortemDocument): Promise<Readonly<Record<string, boolean>>>;
}

/** The spaces of a tenant's document store as Firewatch may see them, whichever space its settings name. */
export interface DocumentSpaces {
  /** Whether a space with this key exists and Firewatch may see it. */
  has(spaceKey: string): Promise<boolean>;
  /** Keys of spaces Firewatch may see, at most `max` (for saying what a site offers). */
  keys(max: number): Promise<string[]>;
}

/** Each tenant's document store: the standalone Confluence, or a Forge installation's, reached as the app. */
export interface DocumentPorts {
  forTenant(tenantId: string): Promise<DocumentPort>;
  /** The tenant's spaces. Its calls throw an access or not_configured IntegrationError when the store cannot be asked. */
  spacesOf(tenantId: string): Promise<DocumentSpaces>;
}

/** Spaces that explain, on every call, why the store cannot be asked. */
export function unconfiguredSpacesBecause(reason: string): DocumentSpaces {
  const refuse = async (): Promise<never> => {
    throw new IntegrationError("confluence", "not_configured", reason);
  };
  return { has: refuse, keys: refuse };
}

/** A port that explains, on every call, why documents cannot be written yet. */
export function unconfiguredDocumentsBecause(reason: string): DocumentPort {
  const refuse = async (): Promise<never> => {
    throw new IntegrationError("confluence", "not_configured", reason);
  };
  return { configured: false, publish: refuse, sectionsWritten: refuse };
}

export const unconfiguredDocuments: DocumentPort = {
  configured: false,
  publish: notConfigured,
  sectionsWritten: notConfigured,
};

async function notConfigured(): Promise<never> {
  throw new IntegrationError(
    "confluence",
    "not_configured",
    "Confluence is not configured: set CONFLUENCE_SPACE_KEY and the Atlassian site credentials (JIRA_BASE_URL or CONFLUENCE_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN)",
  );
}
