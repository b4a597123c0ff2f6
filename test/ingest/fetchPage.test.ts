import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchPage } from '../../src/ingest/fetchPage.js';
import { IngestError, type IngestErrorCode } from '../../src/ingest/ingestError.js';
import { type LocalServer, NEWS_PAGE, startLocalServer } from './localServer.js';

let server: LocalServer;
// The local server is loopback, so every fetch of it must allow private addresses.
const LOCAL = { allowPrivateAddresses: true } as const;

beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(async () => {
  await server.close();
});

// Every HTTP(S) request started and TCP socket created (TLS sockets publish only the first), so the tests
// can prove that a refusal came before any connection was attempted.
const CONNECTION_CHANNELS = ['http.client.request.start', 'net.client.socket'];
let connectionAttempts = 0;
const countAttempt = () => {
  connectionAttempts++;
};
beforeEach(() => {
  connectionAttempts = 0;
  for (const channel of CONNECTION_CHANNELS) subscribe(channel, countAttempt);
});
afterEach(() => {
  for (const channel of CONNECTION_CHANNELS) unsubscribe(channel, countAttempt);
});

/** The IngestError a promise rejects with (fails the test if it resolves or rejects with anything else). */
async function failure(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

async function expectRefusal(promise: Promise<unknown>, code: IngestErrorCode, message?: string | RegExp) {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}

describe('fetchPage', () => {
  it('returns the page as text with its final URL when the server answers with HTML', async () => {
    const page = await fetchPage(server.url('/news/millbridge-flood-wall'), LOCAL);

    expect(page.html).toBe(NEWS_PAGE);
    expect(page.url).toBe(server.url('/news/millbridge-flood-wall'));
  });

  it('follows redirects (301, 307, 308, relative and absolute) and reports where it ended up', async () => {
    const page = await fetchPage(server.url('/moved'), LOCAL);

    expect(page.requestedUrl).toBe(server.url('/moved'));
    expect(page.url).toBe(server.url('/news/millbridge-flood-wall'));
    expect(page.html).toBe(NEWS_PAGE);
  });

  it('follows exactly maxRedirects redirects', async () => {
    const page = await fetchPage(server.url('/moved'), { ...LOCAL, maxRedirects: 3 });
    expect(page.url).toBe(server.url('/news/millbridge-flood-wall'));
  });

  it('refuses a chain of redirects longer than maxRedirects', async () => {
    await expectRefusal(
      fetchPage(server.url('/moved'), { ...LOCAL, maxRedirects: 2 }),
      'too-many-redirects',
      `${server.url('/moved')} redirects more than 2 times`,
    );
  });

  it('refuses a redirect loop', async () => {
    await expectRefusal(fetchPage(server.url('/loop/a'), LOCAL), 'too-many-redirects', /redirects in a loop/);
  });

  it('checks every redirect target: a redirect to file: is refused', async () => {
    await expectRefusal(
      fetchPage(server.url('/to-file'), LOCAL),
      'invalid-url',
      /redirects to file:\/\/\/etc\/passwd/,
    );
  });

  it('refuses a redirect to something that is not a URL', async () => {
    await expectRefusal(
      fetchPage(server.url('/to-nowhere'), LOCAL),
      'invalid-url',
      `${server.url('/to-nowhere')} redirects to https://exa mple.com/. "https://exa mple.com/" is not a web address: expected https://…`,
    );
  });

  it('decompresses a gzip page', async () => {
    expect((await fetchPage(server.url('/gzip'), LOCAL)).html).toBe(NEWS_PAGE);
  });

  it('decodes the charset named in the header, including windows-1252 curly quotes', async () => {
    expect((await fetchPage(server.url('/windows-1252'), LOCAL)).html).toBe('<p>“Hi” ’</p>');
  });

  it('stops reading a 5 MB page once it passes maxBytes', async () => {
    await expectRefusal(fetchPage(server.url('/huge'), LOCAL), 'too-large', 'The page is larger than 2 MB');
  });

  it('refuses a page whose Content-Length is too large without reading it', async () => {
    await expectRefusal(
      fetchPage(server.url('/huge-declared'), LOCAL),
      'too-large',
      'The page is larger than 2 MB',
    );
  });

  it('counts decompressed bytes, so a small gzip bomb is too large', async () => {
    await expectRefusal(fetchPage(server.url('/gzip-bomb'), LOCAL), 'too-large');
  });

  it.each([
    ['/logo.png', 'image/png'],
    ['/api/article.json', 'application/json'],
    ['/untyped', 'it has no content type'],
  ])('refuses %s because it is not HTML', async (path, what) => {
    const error = await expectRefusal(fetchPage(server.url(path), LOCAL), 'not-html');
    expect(error.message).toBe(
      `${server.url(path)} is not a web page (${what.includes(' ') ? what : `it is ${what}`})`,
    );
  });

  it('reports an error status with its code', async () => {
    await expectRefusal(
      fetchPage(server.url('/missing'), LOCAL),
      'http-status',
      `${server.url('/missing')} answered 404 Not Found`,
    );
  });

  it('gives up on a server that does not answer within timeoutMs', async () => {
    const started = performance.now();
    await expectRefusal(
      fetchPage(server.url('/slow'), { ...LOCAL, timeoutMs: 200 }),
      'timeout',
      `${server.url('/slow')} did not answer within 200 ms`,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('gives up on a page whose body never finishes', async () => {
    await expectRefusal(fetchPage(server.url('/slow-body'), { ...LOCAL, timeoutMs: 200 }), 'timeout');
  });

  it('reports a closed port as a network error', async () => {
    const closed = await startLocalServer();
    const url = closed.url('/');
    await closed.close();
    await expectRefusal(fetchPage(url, LOCAL), 'network', /refused the connection/);
  });
});

describe('fetchPage refusing non-public addresses', () => {
  it('refuses 127.0.0.1 unless private addresses are allowed, before connecting', async () => {
    await expectRefusal(
      fetchPage(server.url('/news/millbridge-flood-wall')),
      'private-address',
      '127.0.0.1 is a loopback address: refusing to fetch it',
    );
    expect(connectionAttempts).toBe(0);
  });

  it.each([
    ['https://10.0.0.1/news', '10.0.0.1 is a private address'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['https://[::1]/', '::1 is a loopback address'],
    ['https://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is a loopback address'],
    ['https://0.0.0.0/', '0.0.0.0 is an unspecified address'],
    ['https://2130706433/', '127.0.0.1 is a loopback address'], // 127.0.0.1 written as one number
    ['https://[fd00::5]:8443/', 'fd00::5 is a private address'],
  ])('refuses the literal address in %s without any connection attempt', async (url, message) => {
    await expectRefusal(fetchPage(url), 'private-address', `${message}: refusing to fetch it`);
    expect(connectionAttempts).toBe(0);
  });

  it('refuses a host name that resolves to a loopback address (localhost), before sending anything', async () => {
    const connectionsBefore = server.connections();
    await expectRefusal(
      fetchPage(`https://localhost:${server.port}/news/millbridge-flood-wall`),
      'private-address',
      /^localhost resolves to (127\.0\.0\.1|::1), a loopback address: refusing to fetch it$/,
    );
    expect(server.connections()).toBe(connectionsBefore);
    expect(connectionAttempts).toBe(1); // the request was started, and refused in its DNS lookup
  });

  it('names the host and the address it resolves to', async () => {
    const resolveHost = async () => [{ address: '10.0.0.5', family: 4 }];
    await expectRefusal(
      fetchPage('https://example.internal/story', { resolveHost }),
      'private-address',
      'example.internal resolves to 10.0.0.5, a private address: refusing to fetch it',
    );
  });

  it('refuses a host with any non-public address among public ones', async () => {
    const resolveHost = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '::ffff:169.254.169.254', family: 6 },
    ];
    await expectRefusal(
      fetchPage('https://news.example/story', { resolveHost }),
      'private-address',
      'news.example resolves to ::ffff:169.254.169.254, a link-local address: refusing to fetch it',
    );
  });

  it('uses the address it checked to connect, so a second DNS answer cannot change it', async () => {
    let lookups = 0;
    const resolveHost = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const page = await fetchPage(`http://news.example:${server.port}/news/millbridge-flood-wall`, {
      ...LOCAL,
      resolveHost,
    });
    expect(page.html).toBe(NEWS_PAGE);
    expect(lookups).toBe(1);
    expect(connectionAttempts).toBeGreaterThan(0); // what the refusal tests count is really counted
  });
});

describe('fetchPage refusing what is not a web page address', () => {
  it.each([
    ['file:///etc/passwd', 'Only web pages can be added: expected https://…, not file:'],
    ['ftp://ftp.example.com/pub/story.html', 'Only web pages can be added: expected https://…, not ftp:'],
    ['javascript:alert(1)', 'Only web pages can be added: expected https://…, not javascript:'],
    ['data:text/html,<p>hi</p>', 'Only web pages can be added: expected https://…, not data:'],
    ['not a link', '"not a link" is not a web address: expected https://…'],
    ['https://editor:secret@news.example/story', 'Links with a user name or password cannot be added'],
    [
      'http://news.example/story',
      'Only https:// links can be added: http://news.example/story is not encrypted',
    ],
  ])('refuses %s', async (url, message) => {
    await expectRefusal(fetchPage(url), 'invalid-url', message);
    expect(connectionAttempts).toBe(0);
  });
});
