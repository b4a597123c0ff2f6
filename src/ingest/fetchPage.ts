import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress, describeAddressKind } from './addressPolicy.js';
import { IngestError } from './ingestError.js';
import { readPage } from './readPage.js';

export interface FetchPageOptions {
  /** Give up when the whole fetch, redirects and body included, takes longer than this. */
  readonly timeoutMs: number;
  /** The largest page accepted, in bytes as decoded (after gzip, so a small bomb cannot blow up). */
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /**
   * Fetch private, loopback, link-local and other non-public addresses, and accept plain `http:`.
   * Off in production, where only public `https:` pages are fetched; the tests turn it on to serve
   * pages from 127.0.0.1 without TLS.
   */
  readonly allowPrivateAddresses: boolean;
  readonly userAgent: string;
  /** Every address of a host name (`dns.lookup` with `all: true`); replaceable in tests. */
  readonly resolveHost: (hostname: string) => Promise<readonly LookupAddress[]>;
}

export const defaultFetchPageOptions: FetchPageOptions = Object.freeze({
  timeoutMs: 10_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivateAddresses: false,
  userAgent: 'ExcerptBot/0.1 (+https://github.com/)',
  resolveHost: (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true }),
});

export interface FetchedPage {
  /** The URL asked for. */
  readonly requestedUrl: string;
  /** The URL of the page itself, after redirects. */
  readonly url: string;
  readonly html: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a web page for adding to the corpus, refusing anything a moderator should not be able to
 * make the bot fetch: non-web schemes, plain http, hosts that are or resolve to non-public addresses
 * (checked on the address actually connected to, so DNS rebinding does not help), pages that are not
 * HTML, too large, too slow, or redirect too often. Every refusal is an {@link IngestError}.
 */
export async function fetchPage(url: string, options: Partial<FetchPageOptions> = {}): Promise<FetchedPage> {
  const settings: FetchPageOptions = { ...defaultFetchPageOptions, ...options };
  const signal = AbortSignal.timeout(settings.timeoutMs);
  let current = checkWebAddress(url, settings.allowPrivateAddresses);
  const visited = new Set([current.href]);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await send(current, settings, signal);
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || !location) {
        const html = await readPage(response, current, settings.maxBytes);
        return { requestedUrl: url, url: current.href, html };
      }
      response.resume();
      if (redirects === settings.maxRedirects) {
        throw new IngestError(
          'too-many-redirects',
          `${url} redirects more than ${settings.maxRedirects} times`,
        );
      }
      const next = checkRedirect(url, location, current, settings);
      if (visited.has(next.href)) {
        throw new IngestError('too-many-redirects', `${url} redirects in a loop (back to ${next.href})`);
      }
      visited.add(next.href);
      current = next;
    }
  } catch (error) {
    throw explainFailure(error, current, settings, signal);
  }
}

/**
 * Checks a URL before anything is sent: http(s) only (https unless private addresses are allowed),
 * no credentials, and no literal IP address that is not public.
 */
export function checkWebAddress(value: string, allowPrivateAddresses: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new IngestError('invalid-url', `"${value.slice(0, 100)}" is not a web address: expected https://…`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new IngestError(
      'invalid-url',
      `Only web pages can be added: expected https://…, not ${url.protocol}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new IngestError('invalid-url', 'Links with a user name or password cannot be added');
  }
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivateAddresses && isIP(literal) !== 0) {
    const kind = classifyAddress(literal);
    if (kind !== 'public') {
      throw new IngestError(
        'private-address',
        `${literal} is ${describeAddressKind(kind)}: refusing to fetch it`,
      );
    }
  }
  if (url.protocol === 'http:' && !allowPrivateAddresses) {
    throw new IngestError('invalid-url', `Only https:// links can be added: ${url.href} is not encrypted`);
  }
  return url;
}

function checkRedirect(original: string, location: string, from: URL, settings: FetchPageOptions): URL {
  try {
    return checkWebAddress(
      URL.canParse(location, from.href) ? new URL(location, from).href : location,
      settings.allowPrivateAddresses,
    );
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    throw new IngestError(error.code, `${original} redirects to ${location.slice(0, 200)}. ${error.message}`);
  }
}

function send(url: URL, settings: FetchPageOptions, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        agent: false,
        headers: {
          'user-agent': settings.userAgent,
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
          'accept-encoding': 'gzip, deflate, br',
        },
        lookup: guardedLookup(settings),
        signal,
      },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * A `lookup` for node:http that resolves the host and fails unless every address is allowed. Node
 * connects to exactly the addresses it hands back, so the address checked is the address connected
 * to: a DNS answer that changes between a check and the connection (DNS rebinding) cannot slip past.
 * Node skips `lookup` for a literal IP host; {@link checkWebAddress} has checked those.
 */
function guardedLookup(settings: FetchPageOptions): LookupFunction {
  return (hostname, options, callback) => {
    settings
      .resolveHost(hostname)
      .then((addresses) => {
        for (const { address } of addresses) {
          const refusal = refuseAddress(hostname, address, settings);
          if (refusal) throw refusal;
        }
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
        const usable = addresses.filter((address) => family === 0 || address.family === family);
        const [first] = usable;
        if (!first) {
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        }
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };
}

function refuseAddress(
  hostname: string,
  address: string,
  settings: FetchPageOptions,
): IngestError | undefined {
  if (settings.allowPrivateAddresses) return undefined;
  const kind = classifyAddress(address);
  if (kind === 'public') return undefined;
  const host = hostname.replace(/^\[|\]$/g, '');
  const message =
    host === address
      ? `${host} is ${describeAddressKind(kind)}: refusing to fetch it`
      : `${host} resolves to ${address}, ${describeAddressKind(kind)}: refusing to fetch it`;
  return new IngestError('private-address', message);
}

const NETWORK_FAILURES: Readonly<Record<string, (url: URL) => string>> = {
  ENOTFOUND: (url) => `${url.hostname} could not be found`,
  EAI_AGAIN: (url) => `${url.hostname} could not be found`,
  ECONNREFUSED: (url) => `${url.host} refused the connection`,
  ECONNRESET: (url) => `${url.host} closed the connection before sending the page`,
  ERR_STREAM_PREMATURE_CLOSE: (url) => `${url.host} closed the connection before sending the page`,
};

/** Turns whatever went wrong into an IngestError a moderator can read. */
function explainFailure(
  error: unknown,
  url: URL,
  settings: FetchPageOptions,
  signal: AbortSignal,
): IngestError {
  if (error instanceof IngestError) return error;
  if (signal.aborted) {
    const message = `${url.href} did not answer within ${formatDuration(settings.timeoutMs)}`;
    return new IngestError('timeout', message, { cause: error });
  }
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const explain = NETWORK_FAILURES[code];
  const message = explain
    ? explain(url)
    : /CERT|SSL|TLS/.test(code)
      ? `${url.host} has an HTTPS certificate that cannot be trusted (${code})`
      : `Could not fetch ${url.href}: ${(error as Error).message}`;
  return new IngestError('network', message, { cause: error });
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} seconds` : `${ms} ms`;
}
