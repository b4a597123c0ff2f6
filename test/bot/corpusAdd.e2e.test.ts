import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

type Embed = { title?: string; description?: string };

/** A local news site: a realistic article page, a redirect loop, a huge page, a non-HTML page. */
async function startNewsSite(): Promise<{ server: Server; base: string }> {
  const page = await readFile('test/fixtures/news-page.html');
  const server = createServer((request, response) => {
    switch (request.url) {
      case '/news/millbridge-flood-wall':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        return;
      case '/loop/a':
        response.writeHead(302, { location: '/loop/b' }).end();
        return;
      case '/loop/b':
        response.writeHead(302, { location: '/loop/a' }).end();
        return;
      case '/huge': {
        response.writeHead(200, { 'content-type': 'text/html' });
        const block = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 5 * 1024 * 1024) {
            sent += block.length;
            if (!response.write(block)) return void response.once('drain', pump);
          }
          response.end();
        };
        response.on('error', () => {});
        pump();
        return;
      }
      case '/data.json':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"not a page"}');
        return;
      default:
        response.writeHead(404, { 'content-type': 'text/html' }).end('<p>Not found</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('/library add url (home server: the shared library)', () => {
  let h: Harness;
  let site: { server: Server; base: string };
  beforeAll(async () => {
    h = await startHarness();
    site = await startNewsSite();
  });
  afterAll(async () => {
    await h.close();
    await new Promise((resolve) => site.server.close(resolve));
  });

  const add = async (url: string, harness = h) => {
    const sent = harness.fake.sendChatInput({
      name: 'library',
      options: [{ name: 'add', type: 1, options: [{ name: 'url', type: 3, value: url }] }],
      roles: [harness.fake.roleId('Moderator')],
    });
    return (await harness.fake.waitForResponse(sent.id, { kind: 'edit', timeoutMs: 15_000 })).data;
  };

  it('adds a realistic news page: story paragraphs only, then answers from it', async () => {
    const reply = await add(`${site.base}/news/millbridge-flood-wall`);
    const [report] = reply.embeds as Embed[];
    expect(report?.title).toBe('Shared library refreshed');
    expect(report?.description).toMatch(
      /^Added “Flood wall plan for Millbridge approved after years of delay” \(8 paragraphs\) as 2024-03-05-flood-wall-plan-for-millbridge-approved-after-years-of-delay\.md\./,
    );
    const file = await readFile(
      join(h.corpusDir, '2024-03-05-flood-wall-plan-for-millbridge-approved-after-years-of-delay.md'),
      'utf8',
    );
    expect(file).toContain('publisher: The Northern Courier');
    expect(file).toContain('byline: Priya Raman');
    for (const furniture of ['cookies', 'Advertisement', 'Read more', 'Northern Briefing', '©'])
      expect(file).not.toContain(furniture);

    const answer = await h.ask('Who chairs the Millbridge Flood Action Group?');
    expect((answer.embeds as Embed[])[0]?.description).toContain('**Millbridge Flood Action Group**');
  });

  it('refuses the same article twice', async () => {
    const reply = await add(`${site.base}/news/millbridge-flood-wall`);
    expect(reply.content).toMatch(/already|duplicate/i);
  });

  it.each([
    ['/loop/a', /redirect/i],
    ['/huge', /larger than/i],
    ['/data.json', /is not a web page \(it is application\/json\)/],
  ])('refuses %s with a clear reason and changes nothing', async (path, reason) => {
    const reply = await add(`${site.base}${path}`);
    expect(reply.content).toMatch(reason);
    expect(h.store.engine.corpus.articles).toHaveLength(2);
  });

  it('refuses loopback and private addresses unless allowed (server-side request forgery)', async () => {
    const strict = await startHarness({ allowPrivateUrls: false });
    try {
      const reply = await add(`${site.base}/news/millbridge-flood-wall`, strict);
      expect(reply.content).toMatch(/private|loopback/i);
      const metadata = await add('https://169.254.169.254/latest/meta-data/', strict);
      expect(metadata.content).toMatch(/link-local|private/i);
      expect(strict.store.engine.corpus.articles).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });
});
