// The console's session cookie and the header that cookie-authenticated writes must carry.
import type { CookieOptions, Request, Response } from "express";

/** The cookie holding a console session's random value (the server keeps only its SHA-256). */
export const SESSION_COOKIE = "fw_session";
/**
 * Writes (POST, PUT, PATCH, DELETE) authenticated by the cookie need `X-Firewatch-Client: console`: a form or link on
 * another site can make the browser send the cookie, but cannot add a header (that takes a CORS preflight, refused).
 */
export const CONSOLE_HEADER = "X-Firewatch-Client";
export const CONSOLE_HEADER_VALUE = "console";

/** Our session values: 32 random bytes, base64url. Anything else is not worth a database look-up. */
const SESSION_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** The `fw_session` value the browser sent; null when there is none (malformed counts as sent, and fails). */
export function sessionCookieOf(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at < 0 || part.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(at + 1).trim();
    return SESSION_VALUE.test(value) ? value : "";
  }
  return null;
}

/** Secure when the browser reached us over HTTPS, directly or as PUBLIC_URL says (behind a TLS proxy). */
function attributes(req: Request, publicUrl: string): CookieOptions {
  return { httpOnly: true, sameSite: "lax", path: "/", secure: req.secure || publicUrl.startsWith("https:") };
}

export function setSessionCookie(req: Request, res: Response, publicUrl: string, value: string, maxAgeMs: number) {
  res.cookie(SESSION_COOKIE, value, { ...attributes(req, publicUrl), maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response, publicUrl: string) {
  res.clearCookie(SESSION_COOKIE, attributes(req, publicUrl));
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a cookie-authenticated request may go on: reads always, writes only from the console. */
export const mayWriteWithCookie = (req: Request) =>
  SAFE_METHODS.has(req.method) || req.get(CONSOLE_HEADER)?.trim().toLowerCase() === CONSOLE_HEADER_VALUE;
