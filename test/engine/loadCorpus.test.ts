import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/corpus/article.js';
import { type Corpus, loadCorpus } from '../../src/corpus/loadCorpus.js';
import { copyBundledCorpus } from '../bundledCorpus.js';

const SEED_CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const SEED_ID = '2024-12-19-putin-says-he-will-meet-trump';

// A valid article; the tests below break one line of it at a time, so line numbers are easy to follow.
const GOOD = [
  '---', // 1
  'title: Putin says he is ready to meet Trump', // 2
  'url: https://example.com/news/putin-ready-to-meet-trump', // 3
  'publisher: Example News', // 4
  'published: 2024-12-19', // 5
  '---', // 6
  '', // 7
  'Putin said he was ready to meet Trump at any time.', // 8
  '', // 9
  'He did not say when the meeting would take place.', // 10
].join('\n');

const temporaryDirs: string[] = [];

/** Writes the files into a fresh folder and loads it as a corpus. */
async function loadFiles(files: Record<string, string | Uint8Array>): Promise<Corpus> {
  const dir = await mkdtemp(join(tmpdir(), 'excerpt-corpus-'));
  temporaryDirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return loadCorpus(dir);
}

function problemsOf(corpus: Corpus): string[] {
  return corpus.problems.map(formatProblem);
}

function idsOf(corpus: Corpus): string[] {
  return corpus.articles.map((article) => article.id);
}

afterAll(async () => {
  await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadCorpus', () => {
  it('says which folder is missing, in words, instead of a raw ENOENT', async () => {
    await expect(loadCorpus(join(tmpdir(), 'excerpt-no-such-corpus'))).rejects.toThrow(
      /^The corpus folder ".*excerpt-no-such-corpus" does not exist: create it, or set CORPUS_DIR/,
    );
  });

  it('returns the seed article with its metadata and no problems when given the bundled corpus', async () => {
    const corpus = await loadCorpus(SEED_CORPUS);

    expect(problemsOf(corpus)).toEqual([]);
    expect(idsOf(corpus)).toEqual([SEED_ID]);
    const [article] = corpus.articles;
    expect(article).toMatchObject({
      file: `${SEED_ID}.md`,
      title: "'I will be ready': Putin says he will meet Trump",
      url: 'https://itv.com/news/2024-12-19/i-will-be-ready-putin-says-he-will-meet-trump',
      publisher: 'ITV News',
      published: '2024-12-19',
      byline: 'Sam Holder',
    });
    expect(article?.paragraphs).toHaveLength(22);
  });

  it('returns file:line for invalid UTF-8 bytes and still loads the valid files', async () => {
    const broken = Buffer.concat([
      Buffer.from(`${GOOD.replace('publisher: Example News', 'publisher: Example News 2')}\n\nCaf`),
      Buffer.from([0xe9, 0x20, 0xff, 0xfe]), // Latin-1 "é", then bytes that are never UTF-8
      Buffer.from(' au lait.\n'),
    ]);
    const corpus = await loadFiles({ 'good.md': GOOD, 'latin1.md': broken });

    expect(problemsOf(corpus)).toEqual(['latin1.md:12: invalid UTF-8: save the file as UTF-8']);
    expect(idsOf(corpus)).toEqual(['good']);
  });

  it('returns "missing title" on the closing --- line when the title key is absent', async () => {
    const corpus = await loadFiles({
      'good.md': GOOD,
      'no-title.md': GOOD.replace('title: Putin says he is ready to meet Trump\n', ''),
    });

    expect(problemsOf(corpus)).toEqual(['no-title.md:5: missing title']);
    expect(idsOf(corpus)).toEqual(['good']);
  });

  it('returns "missing title" on the title line when the title is empty', async () => {
    const corpus = await loadFiles({
      'empty-title.md': GOOD.replace('title: Putin says he is ready to meet Trump', 'title: ""'),
    });

    expect(problemsOf(corpus)).toEqual(['empty-title.md:2: missing title']);
    expect(corpus.articles).toEqual([]);
  });

  it.each([
    ['example.com/news/putin', 'no scheme'],
    ['ftp://example.com/news/putin', 'not http(s)'],
    ['https://localhost/news/putin', 'no domain'],
  ])('returns a bad url problem on the url line when the url is %s (%s)', async (url) => {
    const corpus = await loadFiles({
      'good.md': GOOD,
      'bad-url.md': GOOD.replace('url: https://example.com/news/putin-ready-to-meet-trump', `url: ${url}`),
    });

    expect(problemsOf(corpus)).toEqual([`bad-url.md:3: bad url "${url}": expected an http(s) URL`]);
    expect(idsOf(corpus)).toEqual(['good']);
  });

  it.each([
    ['2024-02-30', 'a day that does not exist'],
    ['19/12/2024', 'day first'],
    ['2024-12-19T10:00', 'a time'],
  ])('returns a bad date problem on the published line when the date is %s (%s)', async (date) => {
    const corpus = await loadFiles({
      'bad-date.md': GOOD.replace('published: 2024-12-19', `published: ${date}`),
    });

    expect(problemsOf(corpus)).toEqual([`bad-date.md:5: bad published date "${date}": expected YYYY-MM-DD`]);
  });

  it('returns every problem of a file at once when it has several', async () => {
    const corpus = await loadFiles({
      'two-problems.md': GOOD.replace(
        'https://example.com/news/putin-ready-to-meet-trump',
        'not a url',
      ).replace('2024-12-19', 'yesterday'),
    });

    expect(problemsOf(corpus)).toEqual([
      'two-problems.md:3: bad url "not a url": expected an http(s) URL',
      'two-problems.md:5: bad published date "yesterday": expected YYYY-MM-DD',
    ]);
  });

  it('returns "empty body" on the closing --- line when nothing follows the front matter', async () => {
    const corpus = await loadFiles({
      'good.md': GOOD,
      'empty.md': `${GOOD.split('\n').slice(0, 6).join('\n')}\n\n   \n`,
    });

    expect(problemsOf(corpus)).toEqual(['empty.md:6: empty body']);
    expect(idsOf(corpus)).toEqual(['good']);
  });

  it('returns "body has only page furniture" when every paragraph matches a furniture rule', async () => {
    const corpus = await loadFiles({
      'furniture-rules.txt': '# Read more links\n/^read more\\b/i\n',
      'promo.md': `${GOOD.split('\n').slice(0, 7).join('\n')}\nRead more: Putin's news conference in full\n`,
    });

    expect(problemsOf(corpus)).toEqual(['promo.md:6: body has only page furniture']);
  });

  it('keeps the first file and reports the second when two files have the same url up to www, slash and utm tags', async () => {
    const copy = GOOD.replace(
      'https://example.com/news/putin-ready-to-meet-trump',
      'http://www.example.com/news/putin-ready-to-meet-trump/?utm_source=newsletter',
    ).replace('at any time', 'whenever Trump wants');
    const corpus = await loadFiles({ 'a-original.md': GOOD, 'b-copy.md': copy });

    expect(problemsOf(corpus)).toEqual(['b-copy.md:1: duplicate article: same url as a-original.md']);
    expect(idsOf(corpus)).toEqual(['a-original']);
  });

  it('reports a file whose story text repeats another file under a different url', async () => {
    const copy = GOOD.replace('https://example.com/news/', 'https://mirror.example.org/')
      .replace('title: Putin says he is ready to meet Trump', 'title: A different headline')
      // Whitespace differences do not make the text different.
      .replace('at any time.', 'at  any\ntime.');
    const corpus = await loadFiles({ 'a-original.md': GOOD, 'b-mirror.md': copy });

    expect(problemsOf(corpus)).toEqual(['b-mirror.md:1: duplicate article: same text as a-original.md']);
    expect(idsOf(corpus)).toEqual(['a-original']);
  });

  it('returns the YAML error on its line when the front matter is not valid YAML', async () => {
    const corpus = await loadFiles({
      'good.md': GOOD,
      'colon.md': GOOD.replace(
        'title: Putin says he is ready to meet Trump',
        "title: Putin: I'll be ready to meet Trump",
      ),
      'twice.md': GOOD.replace('publisher: Example News', 'title: Putin again'),
    });

    expect(problemsOf(corpus)).toEqual([
      'colon.md:2: invalid YAML: Nested mappings are not allowed in compact mappings',
      'twice.md:4: invalid YAML: Map keys must be unique',
    ]);
    expect(idsOf(corpus)).toEqual(['good']);
  });

  it('returns line 1 when the file does not start with front matter, or never closes it', async () => {
    const corpus = await loadFiles({
      'no-front-matter.md': 'Putin said he was ready to meet Trump.\n',
      'unclosed.md': GOOD.replace('---\n\n', '\n'),
    });

    expect(problemsOf(corpus)).toEqual([
      'no-front-matter.md:1: missing front matter: the file must start with a --- line',
      'unclosed.md:1: front matter is not closed: add a --- line after it',
    ]);
  });

  it('returns the key and the expected keys when the front matter has an unknown key', async () => {
    const corpus = await loadFiles({
      'author.md': GOOD.replace('publisher: Example News', 'publisher: Example News\nauthor: Sam Holder'),
    });

    expect(problemsOf(corpus)).toEqual([
      'author.md:5: unknown front matter key "author" (expected title, url, publisher, published, byline)',
    ]);
  });

  it('returns the same article when the file has Windows line endings or a byte-order mark', async () => {
    const corpus = await loadFiles({
      'crlf.md': GOOD.replace(/\n/g, '\r\n'),
      'bom.md': `\uFEFF${GOOD.replace('example.com/news/', 'example.com/bom/').replace('at any time', 'soon')}`,
    });

    expect(problemsOf(corpus)).toEqual([]);
    const paragraphs = (id: string) =>
      corpus.articles
        .find((article) => article.id === id)
        ?.paragraphs.map(({ number, line }) => [number, line]);
    expect(paragraphs('crlf')).toEqual([
      [1, 8],
      [2, 10],
    ]);
    expect(paragraphs('bom')).toEqual(paragraphs('crlf'));
  });

  it('ignores files that are not .md articles', async () => {
    const corpus = await loadFiles({
      'good.md': GOOD,
      'notes.txt': 'not an article',
      'README.markdown': '# no',
    });

    expect(problemsOf(corpus)).toEqual([]);
    expect(idsOf(corpus)).toEqual(['good']);
  });

  it('returns file:line for invalid furniture rule lines and still applies the valid rules', async () => {
    const rules = [
      '# Read more links', // 1
      'Read more', // 2: not /…/
      '/^read more\\b/i', // 3
      '/(unclosed/', // 4
      '/credit:/q', // 5: unknown flag
    ].join('\n');
    const body = `${GOOD}\n\nRead more: Putin's annual news conference in full`;
    const corpus = await loadFiles({ 'furniture-rules.txt': rules, 'good.md': body });

    expect(problemsOf(corpus)).toEqual([
      'furniture-rules.txt:2: expected a rule as /regular expression/flags, got "Read more"',
      'furniture-rules.txt:4: invalid regular expression: error parsing regexp: missing closing ): `(unclosed` (rules use RE2 syntax, which has no look-around or back-references)',
      'furniture-rules.txt:5: invalid regular expression: the flag "q" is not supported (use i, m, s or u)',
    ]);
    expect(corpus.furnitureRules.map((rule) => [rule.line, rule.label])).toEqual([[3, 'Read more links']]);
    expect(corpus.articles[0]?.paragraphs.map((paragraph) => paragraph.furniture)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('returns file:line for a synonyms line with a single phrase and keeps the other groups', async () => {
    const synonyms = ['# Equivalent phrases', 'news conference, press conference', 'presser', ''].join('\n');
    const corpus = await loadFiles({ 'synonyms.txt': synonyms, 'good.md': GOOD });

    expect(problemsOf(corpus)).toEqual([
      'synonyms.txt:3: a synonym group needs at least two phrases separated by commas',
    ]);
    expect(corpus.synonyms).toEqual([['news conference', 'press conference']]);
  });

  it('reads "a, b => c" as phrases read as others, and returns file:line for a side left empty', async () => {
    const synonyms = [
      'sit down with, sat down with => meet',
      'sit down with =>',
      '=> meet',
      'a => b => c',
    ].join('\n');
    const corpus = await loadFiles({ 'synonyms.txt': synonyms, 'good.md': GOOD });

    expect(corpus.synonyms).toEqual([{ read: ['sit down with', 'sat down with'], as: ['meet'] }]);
    expect(problemsOf(corpus)).toEqual(
      [2, 3, 4].map(
        (line) =>
          `synonyms.txt:${line}: a one-way line needs phrases on both sides of a single "=>" (sit down with => meet)`,
      ),
    );
  });
});

describe('links and odd names in the corpus folder', () => {
  it('follows a link that stays inside the folder and reports one that leads out, and .MD names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'excerpt-links-'));
    const outside = await mkdtemp(join(tmpdir(), 'excerpt-outside-'));
    try {
      await copyBundledCorpus(dir);
      // The rules file kept in a sub-folder and linked: followed, so furniture stays out of answers.
      await mkdir(join(dir, 'rules'));
      await rename(join(dir, 'furniture-rules.txt'), join(dir, 'rules', 'furniture-rules.txt'));
      await symlink(join('rules', 'furniture-rules.txt'), join(dir, 'furniture-rules.txt'));
      await writeFile(join(outside, 'elsewhere.md'), '---\ntitle: X\n---\n\nText.\n');
      await symlink(join(outside, 'elsewhere.md'), join(dir, 'elsewhere.md'));
      await writeFile(join(dir, 'SHOUTING.MD'), '---\ntitle: X\n---\n\nText.\n');

      const corpus = await loadCorpus(dir);
      expect(corpus.furnitureRules.length).toBeGreaterThan(0);
      expect(corpus.articles).toHaveLength(1);
      expect(corpus.problems.map((problem) => `${problem.file}: ${problem.message}`)).toEqual([
        'SHOUTING.MD: not read: article files must end in ".md" (lower case)',
        'elsewhere.md: a link that leads out of the corpus folder (or to nothing): copy the file in instead',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('file names that cannot be articles', () => {
  it('reports a file named only ".md" and one with a newline in its name, which cannot forge a line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'excerpt-names-'));
    try {
      const article =
        '---\ntitle: X\nurl: https://x.example/a\npublisher: X\npublished: 2024-01-01\n---\n\nText.\n';
      await writeFile(join(dir, '.md'), article);
      await writeFile(join(dir, 'fake\nother.md:1: looks fine.md'), article);
      const corpus = await loadCorpus(dir);
      expect(corpus.articles).toEqual([]);
      const report = corpus.problems.map(formatProblem);
      expect(report).toHaveLength(2);
      for (const line of report) expect(line).not.toContain('\n');
      expect(report).toContainEqual(
        expect.stringMatching(/^fake\\u000aother\.md:1: looks fine\.md:1: not read/),
      );
      expect(report).toContainEqual(expect.stringMatching(/^\.md:1: not read/));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
