import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Readiness } from "./db/readiness.js";

/** A request handler mounted under a path prefix of the app's own server. */
export interface Route {
  prefix: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void> | void;
}

export interface HttpServer {
  /** Where it listens, e.g. http://127.0.0.1:8081. */
  url: string;
  /** Mounts one more handler (what is served depends on what start-up finds configured). */
  addRoute(route: Route): void;
  close(): Promise<void>;
}

/**
 * The app's own HTTP server: what messengers and phones must reach — Telegram's webhook
 * (`/telegram/webhook`, webhook mode), Zalo's (`/zalo/webhook`) and the links to pictures and
 * Excel files Zalo cannot take as uploads (`/files/…`) — plus the load balancer's checks:
 * `/healthz` (the process is alive; no database) and `/readyz` ({@link readinessRoute}).
 * Anything else is 404; a handler that throws answers 500 and is logged, the server keeps
 * serving.
 */
export async function startHttpServer(options: {
  host: string;
  port: number;
  routes: Route[];
  logger: Logger;
}): Promise<HttpServer> {
  const { logger } = options;
  const routes = [...options.routes];
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      return;
    }

    const route = routes.find((candidate) => path.startsWith(candidate.prefix));
    if (!route) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not Found");
      return;
    }
    Promise.resolve()
      .then(() => route.handle(request, response))
      .catch((error: unknown) => {
        logger.error({ err: error, path: route.prefix }, "HTTP handler failed");
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
        response.end();
      });
  });
  server.requestTimeout = 30_000;
  // An idle kept-alive connection is closed by its client (the reverse proxy; nginx keeps
  // upstream connections 60 s), never by us just as the client sends on it: that race costs a
  // webhook POST its answer, and Zalo does not post an event again.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    addRoute(route) {
      routes.push(route);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** How long an idle connection to the app's server stays open: longer than a proxy keeps it. */
export const KEEP_ALIVE_MS = 65_000;

/** The path load balancers ask whether an instance can serve. */
export const READINESS_PATH = "/readyz";

/**
 * `/readyz`: 200 `{"ok":true}` when `ready()` says so (database reachable, migrations applied,
 * not stopping), else 503 with the reason — so a load balancer sends nothing to an instance
 * that cannot handle it, and drains one that is stopping.
 */
export function readinessRoute(ready: () => Promise<Readiness>, logger: Logger): Route {
  return {
    prefix: READINESS_PATH,
    async handle(_request, response) {
      const readiness = await ready().catch(
        (error: unknown): Readiness => ({ ok: false, reason: String(error) }),
      );
      if (!readiness.ok) logger.warn({ reason: readiness.reason }, "not ready");
      response
        .writeHead(readiness.ok ? 200 : 503, {
          "content-type": "application/json",
          "cache-control": "no-store",
        })
        .end(JSON.stringify(readiness));
    },
  };
}
