import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleInteraction, type InteractionDeps } from '../bot/handleInteraction.js';
import { readApiInteraction } from './apiInteraction.js';
import { httpResponder } from './httpResponder.js';
import { verifyRequest } from './verifyRequest.js';

// INTERACTIONS=http: Discord POSTs each interaction to this endpoint instead of sending it over the
// gateway. Every request is checked (Ed25519 signature, timestamp, size, JSON) before anything runs;
// then the same handler as the gateway's runs it, so replicas behind any load balancer answer alike.

export interface InteractionsServerOptions {
  readonly port: number;
  readonly host: string;
  readonly publicKey: KeyObject;
  readonly applicationId: string;
  /** REST base URL such as `https://discord.com/api` (the fake Discord's in tests). */
  readonly apiUrl: string;
  readonly deps: InteractionDeps;
  /** Larger bodies are refused unread (413). */
  readonly maxBodyBytes?: number;
}

export interface InteractionsServer {
  readonly port: number;
  /** Stops taking requests and waits for the interactions in flight, up to `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

class TooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new TooLarge());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
  });
  response.end(text);
}

/** Serves POST /interactions on the port; resolves once listening. */
export async function startInteractionsServer(
  options: InteractionsServerOptions,
): Promise<InteractionsServer> {
  const { deps } = options;
  const logger = deps.logger.child({ module: 'interactions-http' });
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  const server = createServer((request, response) => {
    void (async () => {
      if (request.url !== '/interactions') return send(response, 404, 'not found\n');
      if (request.method !== 'POST') return send(response, 405, 'POST only\n');
      if (!accepting) return send(response, 503, 'shutting down\n');
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > limit) return send(response, 413, 'request body too large\n');
      let body: Buffer;
      try {
        body = await readBody(request, limit);
      } catch (error) {
        return send(response, error instanceof TooLarge ? 413 : 400, 'could not read the request body\n');
      }
      const verdict = verifyRequest(
        options.publicKey,
        request.headers['x-signature-ed25519'] as string | undefined,
        request.headers['x-signature-timestamp'] as string | undefined,
        body,
      );
      if (verdict !== 'ok') {
        logger.warn({ verdict }, 'Refused an interaction request that Discord did not sign now');
        return send(response, 401, 'invalid request signature\n');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return send(response, 400, 'malformed JSON\n');
      }
      const interaction = readApiInteraction(parsed);
      if (interaction.kind === 'ping') return send(response, 200, { type: 1 });
      if (interaction.kind === 'unsupported') return send(response, 400, 'unsupported interaction type\n');
      const webhook = `${options.apiUrl}/v10/webhooks/${options.applicationId}/${interaction.token}`;
      const responder = httpResponder(webhook, interaction.token);
      const work = handleInteraction(interaction.input, responder, deps)
        .catch((err: unknown) => logger.error({ err }, 'Interaction handler failed'))
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
      send(response, 200, await responder.firstResponse);
    })().catch((err: unknown) => {
      logger.error({ err }, 'Could not answer an interaction request');
      if (!response.headersSent) send(response, 500, 'internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close(graceMs = 10_000) {
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
      server.closeAllConnections();
      await closed;
    },
  };
}
