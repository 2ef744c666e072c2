import type { ErrorRequestHandler, Request, Response } from "express";
import { AppError } from "../domain/errors.ts";
import type { Logger } from "../logger.ts";
import { BadRequestWebError, STATUS_OF, type FieldProblem } from "./errors.ts";
import { loggablePath } from "./request-log.ts";

export interface ErrorBody {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** For a request the schema refused: each wrong field, so a form can show the message beside it. */
  readonly fields?: readonly FieldProblem[];
}

/** A header value echoed in a message: short, and printable. */
const shown = (value: unknown) => JSON.stringify(String(value ?? "").slice(0, 40));

/**
 * A decompression stream's own error, which body-parser passes on as a 400 without a `type`: zlib's
 * `Z_DATA_ERROR`/`Z_BUF_ERROR` for gzip and deflate, `ERR__ERROR_FORMAT_…` for brotli
 * (https://nodejs.org/api/zlib.html#errors-exceptions-and-callbacks).
 */
function isDecompressionError(error: { code?: unknown; errno?: unknown }): boolean {
  return typeof error.errno === "number" && typeof error.code === "string" && /^(Z_|ERR__ERROR_)/.test(error.code);
}

/** body-parser's and the router's own errors (malformed JSON, too large, bad encoding), which carry `type` and `status`. */
function parserError(
  error: { type?: string; status?: number; limit?: number; encoding?: string; charset?: string; expose?: boolean },
  contentEncoding: string | undefined,
): ErrorBody | null {
  switch (error.type) {
    case "entity.parse.failed":
      return {
        status: 400,
        code: "REQUEST.MALFORMED_JSON",
        message: "The request body is not valid JSON; check quoting and commas.",
      };
    case "entity.too.large":
      return {
        status: 413,
        code: "REQUEST.TOO_LARGE",
        message: `The request body is larger than the ${Math.round((error.limit ?? 0) / 1024)} KiB limit; send less.`,
      };
    case "encoding.unsupported":
      return {
        status: 415,
        code: "REQUEST.UNSUPPORTED_ENCODING",
        message: `Content-Encoding ${shown(error.encoding)} is not supported; send the body uncompressed, or as gzip, deflate or br.`,
      };
    case "charset.unsupported":
      return {
        status: 415,
        code: "REQUEST.UNSUPPORTED_ENCODING",
        message: `Charset ${shown(error.charset)} is not supported; send the body as UTF-8.`,
      };
    case "request.aborted":
      return { status: 400, code: "REQUEST.ABORTED", message: "The client aborted the request." };
  }
  if (isDecompressionError(error as object)) {
    // Only gzip, deflate and br get this far: body-parser answers any other Content-Encoding with encoding.unsupported.
    const encoding = contentEncoding?.toLowerCase() ?? "compressed";
    return {
      status: 400,
      code: "REQUEST.MALFORMED_ENCODING",
      message: `The body is not valid ${encoding} data, as its Content-Encoding says; send it compressed whole, or uncompressed.`,
    };
  }
  // Any other error express or body-parser marks as the client's (http-errors' `expose`): its own words may be internals.
  if (error.expose === true && typeof error.status === "number" && error.status >= 400 && error.status < 500) {
    return {
      status: error.status,
      code: "REQUEST.UNREADABLE",
      message: "The request could not be read; check its headers and body.",
    };
  }
  return null;
}

/** The one place where errors become HTTP answers. Unknown errors are 500 with no internals. */
export function classifyError(error: unknown, req?: Request): ErrorBody {
  if (error instanceof BadRequestWebError && error.fields.length > 0)
    return { status: 400, code: error.code, message: error.message, fields: error.fields };
  if (error instanceof AppError) return { status: STATUS_OF[error.kind], code: error.code, message: error.message };
  const parsed = typeof error === "object" && error !== null ? parserError(error, req?.get("content-encoding")) : null;
  if (parsed) return parsed;
  return { status: 500, code: "INTERNAL", message: "Something went wrong on our side; the error is logged." };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const body = classifyError(error, req);
    if (body.status >= 500)
      log.error({ err: error, method: req.method, path: loggablePath(req.originalUrl) }, "request failed");
    sendError(res, body);
  };
}

export function sendError(res: Response, body: ErrorBody): void {
  res
    .status(body.status)
    .json({ error: { code: body.code, message: body.message, ...(body.fields ? { fields: body.fields } : {}) } });
}
