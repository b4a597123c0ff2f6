import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthChecks {
  /** Why the bot cannot serve yet (gateway not connected, …), or undefined when it can. */
  readonly notReady: () => string | undefined;
  readonly metrics: () => Promise<{ body: string; contentType: string }>;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The optional operations port: `/healthz` (the process is up: 200 while it can answer HTTP at all),
 * `/readyz` (200 when the gateway is connected and the index loaded, 503 with the reason otherwise)
 * and `/metrics` (Prometheus). Only GET and HEAD; nothing else is served.
 */
export async function startHealthServer(
  port: number,
  host: string,
  checks: HealthChecks,
): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'GET only\n');
    if (path === '/healthz') return send(200, 'ok\n');
    if (path === '/readyz') {
      const reason = checks.notReady();
      return reason === undefined ? send(200, 'ready\n') : send(503, `not ready: ${reason}\n`);
    }
    if (path === '/metrics') {
      checks.metrics().then(
        ({ body, contentType }) => send(200, body, contentType),
        (error: unknown) => send(500, `metrics failed: ${String(error)}\n`),
      );
      return;
    }
    send(404, 'not found: try /healthz, /readyz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** How often a busy port is tried again. */
const RETRY_MS = 250;

/**
 * Opens a server with `open`, trying again while its port is in use (EADDRINUSE) until it is free or
 * `isStopping`; any other failure is thrown. Resolves with the server, or undefined if it stopped first.
 */
export async function openWhenFree(
  open: () => Promise<HealthServer>,
  { isStopping, onBusy }: { isStopping: () => boolean; onBusy: () => void },
): Promise<HealthServer | undefined> {
  let told = false;
  while (!isStopping()) {
    try {
      return await open();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      if (!told) onBusy();
      told = true;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
    }
  }
  return undefined;
}
