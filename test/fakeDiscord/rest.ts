import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidJsonError, parseBody, type RecordedFile } from './body.js';
import { FaultQueue, type RestFault, rateLimitReply, serverErrorReply } from './faults.js';
import type { FormErrors } from './limits.js';
import { Waiters } from './waiters.js';

/** Every route lives under this prefix of the API base. */
const API_PREFIX = '/api/v10';

/** A request as a route handler sees it. */
export interface RestRequest {
  method: string;
  /** Decoded path without `/api/v10`, e.g. `/interactions/123/tok/callback`. */
  path: string;
  /** Decoded `:name` segments of the matched route pattern. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
  headers: IncomingHttpHeaders;
}

/** What a route handler answers. */
export interface RestReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The interaction this request concerned, so a rejection can name it. */
  interactionId?: string;
}

/** One route: a method and a pattern of literal and `:param` segments. */
export interface Route {
  method: string;
  pattern: string;
  /** Needs `Authorization: Bot …` (interaction and webhook-token routes do not). */
  auth: boolean;
  handle: (request: RestRequest) => RestReply;
}

/** Every request the fake received, with how it answered. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  status: number;
  at: number;
  /** Set when a fault armed by the test answered (429 or 5xx). */
  injected?: 'rate-limit' | 'server-error';
}

/** A request the fake refused the way Discord would (any 4xx not injected by a test). */
export interface Rejection {
  method: string;
  path: string;
  status: number;
  code: number;
  message: string;
  errors?: FormErrors;
  interactionId?: string;
  at: number;
}

/** A Discord-style JSON error: `{ message, code, errors? }`. */
export function discordError(status: number, code: number, message: string, errors?: FormErrors): RestReply {
  return { status, body: errors ? { message, code, errors } : { message, code } };
}

/** Decodes a path segment (tokens may arrive URL-encoded); a malformed escape is kept as sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchRoute(routes: readonly Route[], method: string, segments: readonly string[]) {
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) params[part.slice(1)] = segment;
      return part.startsWith(':') || part === segment;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

/** The REST half of the fake: an HTTP server on loopback that records, routes and injects faults. */
export class FakeRest {
  readonly calls: RecordedCall[] = [];
  readonly rejections: Rejection[] = [];
  readonly unknownRoutes: RecordedCall[] = [];
  private readonly faults = new FaultQueue();
  private readonly waiters = new Waiters();

  private constructor(
    private readonly server: Server,
    private readonly routes: readonly Route[],
  ) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void this.onRequest(request, response);
    });
  }

  /** Starts listening on 127.0.0.1 on an ephemeral port. */
  static async start(routes: readonly Route[]): Promise<FakeRest> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return new FakeRest(server, routes);
  }

  /** The value for discord.js's `rest.api` option. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  /** Arms a fault for the next matching requests. */
  failNext(fault: RestFault): void {
    this.faults.add(fault);
  }

  /** How many requests the armed faults will still fail. */
  get pendingFaults(): number {
    return this.faults.pending;
  }

  /** Resolves with the first recorded call, old or new, that `match` accepts. */
  waitForCall(match: (call: RecordedCall) => boolean, timeoutMs: number): Promise<RecordedCall> {
    return this.waiters.until(() => this.calls.find(match), timeoutMs, 'a REST call');
  }

  /** Resolves with the first rejection, old or new, that `match` accepts. */
  waitForRejection(match: (rejection: Rejection) => boolean, timeoutMs: number): Promise<Rejection> {
    return this.waiters.until(() => this.rejections.find(match), timeoutMs, 'a rejected REST call');
  }

  async close(): Promise<void> {
    this.waiters.rejectAll('REST server closed');
    // discord.js keeps connections alive; without this, close() would wait for them to time out.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const segments = url.pathname.startsWith(`${API_PREFIX}/`)
      ? url.pathname.slice(API_PREFIX.length).split('/').filter(Boolean).map(decodeSegment)
      : null;
    const path = segments ? `/${segments.join('/')}` : url.pathname;
    const call: RecordedCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      status: 0,
      at: Date.now(),
    };
    this.calls.push(call);

    let reply: RestReply;
    try {
      const body = await parseBody(request);
      call.body = body.json;
      call.files = body.files;
      reply = this.answer(call, segments, {
        method,
        path,
        params: {},
        query: url.searchParams,
        ...body,
        headers: request.headers,
      });
    } catch (error) {
      reply =
        error instanceof InvalidJsonError
          ? discordError(400, 50109, 'The request body contains invalid JSON.')
          : discordError(500, 0, `FakeDiscord internal error: ${(error as Error).message}`);
    }
    call.status = reply.status;
    this.noteRejection(call, reply);
    this.waiters.notify();
    this.send(response, reply);
  }

  private answer(
    call: RecordedCall,
    segments: string[] | null,
    request: Omit<RestRequest, 'body' | 'files'> & { json: unknown; files: RecordedFile[] },
  ): RestReply {
    const fault = this.faults.take(call.method, call.path);
    if (fault && (fault.status === 429 || !fault.afterProcessing)) {
      call.injected = fault.status === 429 ? 'rate-limit' : 'server-error';
      return fault.status === 429 ? rateLimitReply(fault) : serverErrorReply(fault.status);
    }
    const matched = segments ? matchRoute(this.routes, call.method, segments) : undefined;
    let reply: RestReply;
    if (!matched) {
      this.unknownRoutes.push(call);
      reply = discordError(404, 0, '404: Not Found');
    } else if (matched.route.auth && !String(request.headers.authorization ?? '').startsWith('Bot ')) {
      reply = discordError(401, 0, '401: Unauthorized');
    } else {
      reply = matched.route.handle({ ...request, body: request.json, params: matched.params });
    }
    if (!fault) return reply;
    call.injected = 'server-error';
    return serverErrorReply(fault.status);
  }

  private noteRejection(call: RecordedCall, reply: RestReply): void {
    if (call.injected || reply.status < 400) return;
    const body = (reply.body ?? {}) as { code?: number; message?: string; errors?: FormErrors };
    const rejection: Rejection = {
      method: call.method,
      path: call.path,
      status: reply.status,
      code: body.code ?? 0,
      message: body.message ?? '',
      at: call.at,
    };
    if (body.errors) rejection.errors = body.errors;
    if (reply.interactionId) rejection.interactionId = reply.interactionId;
    this.rejections.push(rejection);
  }

  private send(response: ServerResponse, reply: RestReply): void {
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body === undefined) {
      response.writeHead(reply.status, headers).end();
      return;
    }
    headers['content-type'] = 'application/json';
    response.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  }
}
