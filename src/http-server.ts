import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

/** A request handler mounted under a path prefix of the app's own server. */
export interface Route {
  prefix: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void> | void;
}

export interface HttpServer {
  /** Where it listens, e.g. http://127.0.0.1:8081. */
  url: string;
  close(): Promise<void>;
}

/**
 * The app's own HTTP server: what messengers and phones must reach — Zalo's webhook
 * (`/zalo/webhook`) and the links to pictures and Excel files Zalo cannot take as uploads
 * (`/files/…`) — plus `/healthz`. Anything else is 404; a handler that throws answers 500 and
 * is logged, the server keeps serving.
 */
export async function startHttpServer(options: {
  host: string;
  port: number;
  routes: Route[];
  logger: Logger;
}): Promise<HttpServer> {
  const { routes, logger } = options;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
