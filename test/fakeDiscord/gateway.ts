import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { shardOf } from './snowflake.js';
import { Waiters } from './waiters.js';

/** A gateway frame as it crosses the socket, with the connection it belongs to. */
export interface RecordedFrame {
  /** 1 for the first socket the client opened, 2 for the next, and so on. */
  connection: number;
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
  at: number;
}

/** What the gateway needs from the rest of the fake to answer an IDENTIFY. */
export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** How many shards Discord asks for (`GET /gateway/bot`); an IDENTIFY with fewer is refused (4011). */
  shards: number;
  ready: (sessionId: string, resumeUrl: string, shard: Shard) => unknown;
  /** The servers of one shard, as GUILD_CREATE payloads. */
  guildCreates: (shard: Shard) => unknown[];
}

/** IDENTIFY's `shard`: [shard id, shard count]. */
export type Shard = readonly [number, number];

interface DispatchFrame {
  op: 0;
  t: string;
  d: unknown;
  s: number;
}

interface Session {
  id: string;
  shard: Shard;
  seq: number;
  /** Every dispatch of the session, so a RESUME can replay what the client missed. */
  events: DispatchFrame[];
  socket: WebSocket | null;
}

/** Close codes from the client that end the session on Discord (a clean close), as opposed to 4200 "resuming". */
const SESSION_ENDING_CLOSE_CODES = new Set([1000, 1001]);

/**
 * A Discord gateway on loopback: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with
 * replay, and shards: each session gets the events of its shard's servers, and, as on Discord, two
 * sessions of one shard (a replacement process starting before the old one stops) both get them.
 */
export class FakeGateway {
  /** Frames the client sent, in order. */
  readonly received: RecordedFrame[] = [];
  /** Frames the fake sent, in order. */
  readonly sent: RecordedFrame[] = [];
  /** The URL (path and query) of every connection the client opened. */
  readonly connectionUrls: string[] = [];
  identifyCount = 0;
  resumeCount = 0;

  private readonly sessions = new Map<string, Session>();
  private current: Session | null = null;
  private connections = 0;
  private readonly connectionIds = new WeakMap<WebSocket, number>();
  private readonly waiters = new Waiters();

  private constructor(
    private readonly server: WebSocketServer,
    private readonly options: GatewayOptions,
  ) {
    server.on('connection', (socket, request) => this.onConnection(socket, request));
  }

  /** Starts listening on 127.0.0.1 on an ephemeral port. */
  static async start(options: GatewayOptions): Promise<FakeGateway> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return new FakeGateway(server, options);
  }

  /** The URL `GET /gateway/bot` hands out. */
  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** READY's `resume_gateway_url`: a distinct path, so a test can tell resumes went there. */
  get resumeUrl(): string {
    return `${this.url}/resume`;
  }

  /**
   * Sends a dispatch (op 0) to every session of the shard that `guildId` belongs to (shard 0 without
   * a server, as for DMs); buffered for replay while a session's socket is down.
   */
  dispatch(event: string, data: unknown, guildId?: string): void {
    const targets = [...this.sessions.values()].filter(
      (session) => session.shard[0] === (guildId === undefined ? 0 : shardOf(guildId, session.shard[1])),
    );
    if (targets.length === 0) {
      throw new Error(
        'FakeDiscord: no gateway session to dispatch to; wait for the client to be ready first',
      );
    }
    for (const session of targets) this.dispatchIn(session, event, data);
  }

  /** The shards of the sessions open now (socket connected), one entry per session. */
  get openShards(): Shard[] {
    return [...this.sessions.values()].filter((session) => session.socket).map((session) => session.shard);
  }

  /** Kills the socket without a close frame, as a network failure would; the session stays resumable. */
  drop(): void {
    this.requireSocket().terminate();
  }

  /** Sends op 7 RECONNECT; the client should close and RESUME. */
  reconnect(): void {
    this.sendFrame(this.requireSocket(), { op: 7, d: null, s: null, t: null });
  }

  /** Sends op 9 INVALID SESSION; `false` also forgets the session, so only a new IDENTIFY works. */
  invalidateSession(resumable: boolean): void {
    const socket = this.requireSocket();
    if (!resumable && this.current) {
      this.sessions.delete(this.current.id);
      this.current = null;
    }
    this.sendFrame(socket, { op: 9, d: resumable, s: null, t: null });
  }

  /** Resolves once READY and every GUILD_CREATE have been sent `count` times in total. */
  waitForIdentify(count: number, timeoutMs: number): Promise<void> {
    return this.waiters
      .until(() => (this.identifyCount >= count ? true : undefined), timeoutMs, `identify #${count}`)
      .then(() => undefined);
  }

  /** Resolves once RESUMED has been sent `count` times in total. */
  waitForResume(count: number, timeoutMs: number): Promise<void> {
    return this.waiters
      .until(() => (this.resumeCount >= count ? true : undefined), timeoutMs, `resume #${count}`)
      .then(() => undefined);
  }

  /** Resolves with the first received frame, old or new, that `match` accepts. */
  waitForFrame(match: (frame: RecordedFrame) => boolean, timeoutMs: number): Promise<RecordedFrame> {
    return this.waiters.until(() => this.received.find(match), timeoutMs, 'a gateway frame');
  }

  /** Terminates every socket and stops listening. */
  async close(): Promise<void> {
    this.waiters.rejectAll('gateway closed');
    for (const socket of this.server.clients) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    const connection = ++this.connections;
    this.connectionIds.set(socket, connection);
    this.connectionUrls.push(request.url ?? '');
    const state: { session: Session | null } = { session: null };
    socket.on('message', (raw, isBinary) => this.onMessage(socket, connection, state, raw, isBinary));
    socket.on('close', (code) => {
      const session = state.session;
      if (!session || session.socket !== socket) return;
      session.socket = null;
      if (SESSION_ENDING_CLOSE_CODES.has(code)) this.endSession(session);
    });
    this.sendFrame(socket, {
      op: 10,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  private onMessage(
    socket: WebSocket,
    connection: number,
    state: { session: Session | null },
    raw: RawData,
    isBinary: boolean,
  ): void {
    let frame: { op?: unknown; d?: unknown };
    try {
      frame = JSON.parse(isBinary ? '' : raw.toString());
    } catch {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const op = typeof frame.op === 'number' ? frame.op : -1;
    this.received.push({ connection, op, d: frame.d ?? null, s: null, t: null, at: Date.now() });
    this.waiters.notify();
    switch (op) {
      case 1:
        this.sendFrame(socket, { op: 11, d: null, s: null, t: null });
        break;
      case 2:
        if (state.session) {
          socket.close(4005, 'Already authenticated.');
          return;
        }
        if (typeof (frame.d as { token?: unknown } | null)?.token !== 'string') {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        state.session = this.identify(socket, (frame.d as { shard?: unknown }).shard);
        break;
      case 6:
        state.session = this.resume(socket, frame.d);
        break;
      case -1:
        socket.close(4001, 'Unknown opcode.');
        break;
      default:
        // Presence updates, voice state and member requests: accepted and only recorded.
        break;
    }
  }

  private identify(socket: WebSocket, requested: unknown): Session | null {
    const shard: Shard =
      Array.isArray(requested) && requested.length === 2 && requested.every(Number.isInteger)
        ? [requested[0] as number, requested[1] as number]
        : [0, 1];
    if (shard[0] < 0 || shard[0] >= shard[1]) {
      socket.close(4010, 'Invalid shard.');
      return null;
    }
    if (shard[1] < this.options.shards) {
      socket.close(4011, 'Sharding required.');
      return null;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), shard, seq: 0, events: [], socket };
    this.sessions.set(session.id, session);
    this.current = session;
    this.dispatchIn(session, 'READY', this.options.ready(session.id, this.resumeUrl, shard));
    for (const guild of this.options.guildCreates(shard)) this.dispatchIn(session, 'GUILD_CREATE', guild);
    this.identifyCount++;
    this.waiters.notify();
    return session;
  }

  private resume(socket: WebSocket, data: unknown): Session | null {
    const { session_id: sessionId, seq } = (data ?? {}) as { session_id?: unknown; seq?: unknown };
    const session = typeof sessionId === 'string' ? this.sessions.get(sessionId) : undefined;
    if (!session) {
      // Discord answers a RESUME for a session it forgot with op 9 d=false.
      this.sendFrame(socket, { op: 9, d: false, s: null, t: null });
      return null;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    this.current = session;
    const after = typeof seq === 'number' ? seq : 0;
    for (const event of session.events) if (event.s > after) this.sendFrame(socket, event);
    this.dispatchIn(session, 'RESUMED', {});
    this.resumeCount++;
    this.waiters.notify();
    return session;
  }

  private dispatchIn(session: Session, event: string, data: unknown): void {
    session.seq++;
    const frame: DispatchFrame = { op: 0, t: event, d: data, s: session.seq };
    session.events.push(frame);
    if (session.socket) this.sendFrame(session.socket, frame);
  }

  private endSession(session: Session): void {
    this.sessions.delete(session.id);
    if (this.current === session) this.current = null;
  }

  private requireSocket(): WebSocket {
    const socket = this.current?.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      throw new Error('FakeDiscord: no open gateway connection; wait for the client to be ready first');
    }
    return socket;
  }

  private sendFrame(
    socket: WebSocket,
    frame: { op: number; d: unknown; s: number | null; t: string | null },
  ): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(frame));
    this.sent.push({ connection: this.connectionIds.get(socket) ?? 0, ...frame, at: Date.now() });
  }
}
