import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveArticle } from '../../src/corpus/archive.js';
import { formatProblem } from '../../src/corpus/article.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { addArticleFromUrl } from '../../src/ingest/addArticle.js';
import { IngestError, type IngestErrorCode } from '../../src/ingest/ingestError.js';
import { type LocalServer, NEWS_PAGE, startLocalServer } from './localServer.js';

const SEED_CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const SEED_FILE = '2024-12-19-putin-says-he-will-meet-trump.md';
const ADDED_FILE = '2024-03-05-flood-wall-plan-for-millbridge-approved-after-years-of-delay.md';
const LOCAL = { allowPrivateAddresses: true, today: '2024-03-07' } as const;

// The same story with a different first paragraph, and a page with no date, served beside the fixture.
const REVISED_PAGE = NEWS_PAGE.replace('A £14m flood wall', 'A £15m flood wall');
const UNDATED_PAGE = NEWS_PAGE.replace(/<meta property="article:published_time"[^>]*>/, '')
  .replace(/<time [^>]*>[^<]*<\/time>/, '')
  .replace('A £14m flood wall', 'A flood wall');

let server: LocalServer;
const temporaryDirs: string[] = [];

beforeAll(async () => {
  const serve = (html: string) => (_request: unknown, response: import('node:http').ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  };
  server = await startLocalServer({ '/revised': serve(REVISED_PAGE), '/undated': serve(UNDATED_PAGE) });
});
afterAll(async () => {
  await server.close();
  await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of the bundled corpus (seed article, furniture rules, synonyms) in a fresh folder. */
async function seedCorpusCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'excerpt-add-'));
  temporaryDirs.push(dir);
  for (const name of [SEED_FILE, 'furniture-rules.txt', 'synonyms.txt']) {
    await copyFile(join(SEED_CORPUS, name), join(dir, name));
  }
  return dir;
}

async function refusal(promise: Promise<unknown>, code: IngestErrorCode): Promise<IngestError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(IngestError);
  expect((error as IngestError).code).toBe(code);
  return error as IngestError;
}

describe('addArticleFromUrl', () => {
  it('adds the page as <date>-<slug>.md, which loads with no problems and the right paragraphs', async () => {
    const dir = await seedCorpusCopy();
    const url = server.url('/news/millbridge-flood-wall');

    const added = await addArticleFromUrl(dir, url, LOCAL);

    expect(added).toEqual({
      file: ADDED_FILE,
      title: 'Flood wall plan for Millbridge approved after years of delay',
      paragraphs: 8,
      url,
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.problems.map(formatProblem)).toEqual([]);
    const article = corpus.articles.find((candidate) => candidate.file === ADDED_FILE);
    expect(article).toMatchObject({
      title: 'Flood wall plan for Millbridge approved after years of delay',
      url,
      publisher: 'The Northern Courier',
      published: '2024-03-05',
      byline: 'Priya Raman',
    });
    expect(article?.paragraphs.map((paragraph) => [paragraph.number, paragraph.furniture])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((number) => [number, false]),
    );
    expect(article?.paragraphs[3]?.text).toMatch(/^“We have waited long enough,” said Margaret O’Neill/);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('stores the address a redirect led to', async () => {
    const dir = await seedCorpusCopy();
    const added = await addArticleFromUrl(dir, server.url('/moved'), LOCAL);

    expect(added.url).toBe(server.url('/news/millbridge-flood-wall'));
  });

  it('refuses the same URL again without fetching it, naming the file it is in', async () => {
    const dir = await seedCorpusCopy();
    await addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall'), LOCAL);
    const requestsBefore = server.requests.length;

    // The same address once tracking parameters and a trailing slash are ignored.
    const error = await refusal(
      addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall/?utm_source=discord'), LOCAL),
      'duplicate',
    );

    expect(error.message).toBe(
      `The corpus already has ${server.url('/news/millbridge-flood-wall/?utm_source=discord')}, as ${ADDED_FILE}`,
    );
    expect(server.requests.length).toBe(requestsBefore);
  });

  it('refuses a URL that redirects to an article already in the corpus', async () => {
    const dir = await seedCorpusCopy();
    await addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall'), LOCAL);

    await refusal(addArticleFromUrl(dir, server.url('/moved'), LOCAL), 'duplicate');
  });

  it('refuses the same text at another address', async () => {
    const dir = await seedCorpusCopy();
    await addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall'), LOCAL);

    const error = await refusal(
      addArticleFromUrl(dir, server.url('/copy/millbridge-flood-wall'), LOCAL),
      'duplicate',
    );

    expect(error.message).toBe(`The corpus already has this article's text, as ${ADDED_FILE}`);
    expect(await readdir(dir)).toHaveLength(4);
  });

  it('refuses an archived article, by address or by text, and says to restore it instead', async () => {
    const dir = await seedCorpusCopy();
    await addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall'), LOCAL);
    await archiveArticle(dir, ADDED_FILE.replace(/\.md$/, ''));
    const requestsBefore = server.requests.length;

    const byUrl = await refusal(
      addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall'), LOCAL),
      'archived',
    );
    expect(byUrl.message).toBe(
      `This article was removed and is in the archive as ${ADDED_FILE.replace(/\.md$/, '')}: restore it with /library restore ${ADDED_FILE.replace(/\.md$/, '')}`,
    );
    expect(server.requests.length).toBe(requestsBefore);
    await refusal(addArticleFromUrl(dir, server.url('/copy/millbridge-flood-wall'), LOCAL), 'archived');
    expect((await readdir(dir)).filter((name) => name.endsWith('.md'))).toEqual([SEED_FILE]);
  });

  it('adds a different story with the same date and title under a numbered name', async () => {
    const dir = await seedCorpusCopy();
    await addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall'), LOCAL);

    const added = await addArticleFromUrl(dir, server.url('/revised'), LOCAL);

    expect(added.file).toBe(ADDED_FILE.replace('.md', '-2.md'));
    expect((await loadCorpus(dir)).problems).toEqual([]);
  });

  it('does not take the name of an archived article', async () => {
    const dir = await seedCorpusCopy();
    await mkdir(join(dir, 'archive'));
    await writeFile(join(dir, 'archive', ADDED_FILE), 'archived\n');

    const added = await addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall'), LOCAL);

    expect(added.file).toBe(ADDED_FILE.replace('.md', '-2.md'));
    expect(await readFile(join(dir, 'archive', ADDED_FILE), 'utf8')).toBe('archived\n');
  });

  it('dates a page that states no date with the fetch date', async () => {
    const dir = await seedCorpusCopy();
    const added = await addArticleFromUrl(dir, server.url('/undated'), LOCAL);

    expect(added.file).toBe(ADDED_FILE.replace('2024-03-05', '2024-03-07'));
  });

  it.each([
    ['/logo.png', 'not-html'],
    ['/loop/a', 'too-many-redirects'],
    ['/huge', 'too-large'],
  ] as const)('writes nothing when %s is refused (%s)', async (path, code) => {
    const dir = await seedCorpusCopy();
    await refusal(addArticleFromUrl(dir, server.url(path), LOCAL), code);

    expect((await readdir(dir)).sort()).toEqual([SEED_FILE, 'furniture-rules.txt', 'synonyms.txt'].sort());
  });

  it('refuses a loopback address unless private addresses are allowed', async () => {
    const dir = await seedCorpusCopy();
    await refusal(addArticleFromUrl(dir, server.url('/news/millbridge-flood-wall')), 'private-address');
  });

  it('leaves an existing file alone and reads nothing but the corpus when the URL is not a web address', async () => {
    const dir = await seedCorpusCopy();
    const before = await readFile(join(dir, SEED_FILE), 'utf8');

    await refusal(addArticleFromUrl(dir, 'file:///etc/passwd', LOCAL), 'invalid-url');

    expect(await readFile(join(dir, SEED_FILE), 'utf8')).toBe(before);
  });
});
