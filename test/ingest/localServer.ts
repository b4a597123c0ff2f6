import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export const NEWS_PAGE = readFileSync(new URL('../fixtures/news-page.html', import.meta.url), 'utf8');

export const FIVE_MB = 5 * 1024 * 1024;

type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A news site on 127.0.0.1 with every kind of page fetchPage must handle or refuse. */
export interface LocalServer {
  /** `http://127.0.0.1:<port><path>` */
  url(path: string): string;
  readonly port: number;
  /** Paths requested, in order. */
  readonly requests: string[];
  /** TCP connections accepted. */
  connections(): number;
  close(): Promise<void>;
}

const html =
  (body: string, type = 'text/html; charset=utf-8'): Route =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': type }).end(body);
  };
const redirect =
  (location: string, status = 302): Route =>
  (_request, response) => {
    response.writeHead(status, { location }).end();
  };

/** Writes `total` bytes of HTML-ish filler in 64 KiB chunks, honouring back-pressure, until the client leaves. */
function streamHuge(response: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, '<p>filler</p>\n');
  let sent = 0;
  const pump = () => {
    while (sent < total && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    if (!response.destroyed) response.end();
  };
  response.on('error', () => {}); // the client hangs up mid-stream on purpose
  pump();
}

const ROUTES: Record<string, Route> = {
  '/news/millbridge-flood-wall': html(NEWS_PAGE),
  '/copy/millbridge-flood-wall': html(NEWS_PAGE),
  '/gzip': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(gzipSync(NEWS_PAGE));
  },
  '/windows-1252': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
    // 0x93/0x94 are curly double quotes and 0x92 a curly apostrophe in windows-1252.
    response.end(
      Buffer.concat([
        Buffer.from('<p>'),
        Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x92]),
        Buffer.from('</p>'),
      ]),
    );
  },
  '/moved': redirect('/hop/2', 301),
  '/hop/2': redirect('/hop/1', 307),
  '/hop/1': (request, response) => {
    redirect(`http://${request.headers.host}/news/millbridge-flood-wall`, 308)(request, response);
  },
  '/loop/a': redirect('/loop/b'),
  '/loop/b': redirect('/loop/a'),
  '/to-file': redirect('file:///etc/passwd'),
  '/to-nowhere': redirect('https://exa mple.com/'),
  '/huge': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    streamHuge(response, FIVE_MB);
  },
  '/huge-declared': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-length': FIVE_MB });
    streamHuge(response, FIVE_MB);
  },
  '/gzip-bomb': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(GZIP_BOMB);
  },
  '/logo.png': html('\x89PNG\r\n\x1a\n', 'image/png'),
  '/api/article.json': html('{"title":"Flood wall"}', 'application/json; charset=utf-8'),
  '/untyped': (_request, response) => {
    response.removeHeader('content-type');
    response.end('<p>no type</p>');
  },
  '/missing': (_request, response) => {
    response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  },
  '/slow': () => {}, // never answers
  '/slow-body': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.write('<html><body><p>The first words arrive, then nothing more');
  },
};

// 5 MiB of zeros: about 5 KB on the wire. Built once.
const GZIP_BOMB = gzipSync(Buffer.alloc(FIVE_MB));

/** Starts the site on an ephemeral port of 127.0.0.1; extra routes can be added per test file. */
export async function startLocalServer(extraRoutes: Record<string, Route> = {}): Promise<LocalServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const routes = { ...ROUTES, ...extraRoutes };
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const route = routes[path.split('?')[0] ?? path];
    if (route) route(request, response);
    else response.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
