// Where the service listens: PORT on HOST (all interfaces when unset), with a bind failure reported as such.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { AppError } from "../domain/errors.ts";

/** The port (and HOST) could not be listened on; the message says which and what to do. */
export class ListenRefusedWebError extends AppError {
  readonly kind = "unavailable";
}

function listenRefused(error: NodeJS.ErrnoException, port: number, host: string | null): ListenRefusedWebError {
  const where = host ? `HOST ${host}` : "all interfaces (HOST unset)";
  const refused = (code: string, message: string) => new ListenRefusedWebError(code, message, { cause: error });
  switch (error.code) {
    case "EADDRINUSE":
      return refused(
        "SERVER.PORT_IN_USE",
        `port ${port} is in use on ${where}: stop the program that holds it, or set PORT to a free port`,
      );
    case "EACCES":
      return refused(
        "SERVER.PORT_FORBIDDEN",
        `port ${port} on ${where} needs privileges this process lacks: set PORT to 1024 or above`,
      );
    case "EADDRNOTAVAIL":
      return refused(
        "SERVER.HOST_UNAVAILABLE",
        `HOST ${host} is not an address of this machine: set HOST to one of its interfaces (127.0.0.1 for this machine only), or unset it`,
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return refused(
        "SERVER.HOST_UNAVAILABLE",
        `HOST ${host} does not resolve to an address: set HOST to an interface address such as 127.0.0.1`,
      );
    default:
      return refused("SERVER.LISTEN_FAILED", `cannot listen on port ${port} on ${where}: ${error.message}`);
  }
}

/**
 * Listens on a plain http server: Express 5's `app.listen` hands a bind error to its callback, where it
 * reads as success. @returns the server and the URL it answers on. @throws ListenRefusedWebError naming the port and HOST
 */
export async function listen(
  app: Express,
  port: number,
  host: string | null,
): Promise<{ server: Server; url: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => reject(listenRefused(error, port, host));
    server.once("error", refused);
    server.listen({ port, host: host ?? undefined }, () => {
      server.off("error", refused);
      resolve();
    });
  });
  return { server, url: urlOf(server, host) };
}

/** The URL the service answers on: HOST as given, or loopback when it listens on all interfaces. */
function urlOf(server: Server, host: string | null): string {
  const { port } = server.address() as AddressInfo;
  const shown = !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
}
