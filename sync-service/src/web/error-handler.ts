import type { ErrorRequestHandler, Response } from "express";
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

/** body-parser's own errors (malformed JSON, too large, bad charset), which carry `type` and `status`. */
function parserError(error: { type?: string; status?: number; limit?: number }): ErrorBody | null {
  switch (error.type) {
    case "entity.parse.failed":
      return { status: 400, code: "REQUEST.MALFORMED_JSON", message: "The request body is not valid JSON; check quoting and commas." };
    case "entity.too.large":
      return {
        status: 413,
        code: "REQUEST.TOO_LARGE",
        message: `The request body is larger than the ${Math.round((error.limit ?? 0) / 1024)} KiB limit; send less.`,
      };
    case "encoding.unsupported":
    case "charset.unsupported":
      return { status: 415, code: "REQUEST.UNSUPPORTED_ENCODING", message: "Send the body as UTF-8 JSON." };
    case "request.aborted":
      return { status: 400, code: "REQUEST.ABORTED", message: "The client aborted the request." };
    default:
      return null;
  }
}

/** The one place where errors become HTTP answers. Unknown errors are 500 with no internals. */
export function classifyError(error: unknown): ErrorBody {
  if (error instanceof BadRequestWebError && error.fields.length > 0) return { status: 400, code: error.code, message: error.message, fields: error.fields };
  if (error instanceof AppError) return { status: STATUS_OF[error.kind], code: error.code, message: error.message };
  const parsed = parserError(error as object);
  if (parsed) return parsed;
  return { status: 500, code: "INTERNAL", message: "Something went wrong on our side; the error is logged." };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const body = classifyError(error);
    if (body.status >= 500) log.error({ err: error, method: req.method, path: loggablePath(req.originalUrl) }, "request failed");
    sendError(res, body);
  };
}

export function sendError(res: Response, body: ErrorBody): void {
  res.status(body.status).json({ error: { code: body.code, message: body.message, ...(body.fields ? { fields: body.fields } : {}) } });
}
