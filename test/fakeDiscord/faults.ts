/** A failure to answer instead of (or after) handling the next matching REST requests. */
export interface RestFault {
  /**
   * Which requests: a RegExp tested against, or a substring of, `"METHOD /path"` with the path decoded
   * and without `/api/v10`, e.g. `'POST /interactions/'` or `/\/callback$/`.
   */
  route: RegExp | string;
  /** 429 rate limit, or a 5xx server error. */
  status: 429 | 500 | 502 | 503;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** 429 only: the `Retry-After` the fake asks for, in seconds (fractions allowed); default 0.1. */
  retryAfterSeconds?: number;
  /** 429 only: a global rate limit (`X-RateLimit-Global`, scope `global`) instead of a per-route one. */
  global?: boolean;
  /**
   * 5xx only: handle the request first, then answer the error — Discord did the work but the bot never
   * heard, so its retry meets the consequences (e.g. 40060 for an interaction callback).
   */
  afterProcessing?: boolean;
}

/** A fault with its remaining count. */
interface ArmedFault {
  fault: RestFault;
  remaining: number;
}

/** Faults armed by a test, consumed one request at a time, first armed first used. */
export class FaultQueue {
  private readonly armed: ArmedFault[] = [];

  add(fault: RestFault): void {
    this.armed.push({ fault, remaining: fault.times ?? 1 });
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, path: string): RestFault | undefined {
    const target = `${method} ${path}`;
    const index = this.armed.findIndex(({ fault }) =>
      typeof fault.route === 'string' ? target.includes(fault.route) : fault.route.test(target),
    );
    const entry = this.armed[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.armed.splice(index, 1);
    return entry.fault;
  }

  /** How many requests the armed faults will still fail. */
  get pending(): number {
    return this.armed.reduce((sum, entry) => sum + entry.remaining, 0);
  }
}

/** The 429 Discord sends: `Retry-After` and `X-RateLimit-*` headers plus `retry_after` in the body. */
export function rateLimitReply(fault: RestFault): {
  status: 429;
  body: unknown;
  headers: Record<string, string>;
} {
  const retryAfter = fault.retryAfterSeconds ?? 0.1;
  const global = fault.global ?? false;
  const headers: Record<string, string> = {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': retryAfter.toFixed(3),
    'x-ratelimit-bucket': 'fakediscordbucket',
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  // discord.js treats the mere presence of this header as "global".
  if (global) headers['x-ratelimit-global'] = 'true';
  return {
    status: 429,
    headers,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global },
  };
}

/** The body Discord's edge answers a 5xx with. */
export function serverErrorReply(status: number): { status: number; body: unknown } {
  return { status, body: { message: `${status}: Internal Server Error`, code: 0 } };
}
