// Shared types and error envelopes of the Confluence Cloud emulator.
//
// Error bodies. Confluence's v2 OpenAPI document declares no error schema (confluence.js has none either), so the
// emulator answers with the envelope v2 is observed to send, e.g. for a stale page version:
//   {"errors":[{"status":409,"code":"CONFLICT","title":"Version must be incremented when updating a page. ...","detail":null}]}
// (https://community.developer.atlassian.com/t/is-there-any-docs-related-to-the-error-responses-types-codes-and-anything-related-to-error-handling-for-the-confluence-cloud-rest-api/98344).
// v1 (/wiki/rest/api/...) errors use the documented v1 envelope {statusCode, data: {authorized, valid, errors, successful}, message}
// (https://developer.atlassian.com/cloud/confluence/rest/v1/intro/, "Status codes").

export type AdfNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: AdfMark[];
  text?: string;
  [key: string]: unknown;
};
export type AdfMark = { type: string; attrs?: Record<string, unknown> };
export type AdfDoc = { type: "doc"; version: 1; content: AdfNode[] };

export type AuthKind = "basic" | "app" | "user";

export interface ConfluenceUser {
  accountId: string;
  displayName: string;
  email: string;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  /** Email of the Basic-auth user the request presented, whether or not it was accepted. */
  authUser: string | null;
  /** Came through the Forge app gateway (`/ex/confluence/<cloudId>/…`, Bearer token); `path` is the part after it. */
  gateway?: boolean;
  /** How the request authenticated, when it did: Basic on the site, or the app's or a user's token at the gateway. */
  authKind?: AuthKind;
  /** The account a user token acted as (authKind "user"). */
  accountId?: string;
  receivedAt: number;
  /** Status sent, "dropped" for afterCommit, "hung" for hang; undefined while in flight. */
  outcome?: number | "dropped" | "hung";
  fault?: string;
}

export interface UnexpectedRequest {
  method: string;
  path: string;
  reason: string;
  receivedAt: number;
}

export type V2ErrorBody = { errors: { status: number; code: string; title: string; detail: string | null }[] };
export type V1ErrorBody = {
  statusCode: number;
  data: {
    authorized: boolean;
    valid: boolean;
    errors: { message: { translation: string; args: unknown[] } }[];
    successful: boolean;
  };
  message: string;
};

export class ConfluenceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: V2ErrorBody | V1ErrorBody,
  ) {
    super("errors" in body ? body.errors[0]!.title : body.message);
  }
}

const V2_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "REQUEST_ENTITY_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

export function v2Body(status: number, title: string): V2ErrorBody {
  return { errors: [{ status, code: V2_CODES[status] ?? `HTTP_${status}`, title, detail: null }] };
}

export function v1Body(status: number, message: string): V1ErrorBody {
  return {
    statusCode: status,
    data: {
      authorized: status !== 401,
      valid: status !== 400,
      errors: [{ message: { translation: message, args: [] } }],
      successful: false,
    },
    message,
  };
}

export function v2Error(status: number, title: string): ConfluenceHttpError {
  return new ConfluenceHttpError(status, v2Body(status, title));
}

export function v1Error(status: number, message: string): ConfluenceHttpError {
  return new ConfluenceHttpError(status, v1Body(status, message));
}

/** The error envelope of the API a path belongs to. */
export function errorBodyFor(path: string, status: number, message: string): V2ErrorBody | V1ErrorBody {
  return path.startsWith("/wiki/rest/") ? v1Body(status, message) : v2Body(status, message);
}
