import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArticleMeta } from '../../src/corpus/article.js';
import { parseArticle } from '../../src/corpus/parseArticle.js';
import { articleFileName, renderArticleFile, writeFileAtomically } from '../../src/ingest/articleFile.js';

const temporaryDirs: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'excerpt-ingest-'));
  temporaryDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('articleFileName', () => {
  it.each([
    ['Flood wall plan for Millbridge approved', '2024-03-05-flood-wall-plan-for-millbridge-approved.md'],
    [
      "'I will be ready': Putin says he will meet Trump",
      '2024-03-05-i-will-be-ready-putin-says-he-will-meet-trump.md',
    ],
    ['Rovers’ cup run ends — in extra time!', '2024-03-05-rovers-cup-run-ends-in-extra-time.md'],
    [
      'Café owners in Łódź and Reykjavík: “Straße” ÆØ',
      '2024-03-05-cafe-owners-in-lodz-and-reykjavik-strasse-aeo.md',
    ],
    ['Ｆｕｌｌ－ｗｉｄｔｈ ﬁgures: 100%', '2024-03-05-full-width-figures-100.md'],
    ['Путин готов встретиться с Трампом', '2024-03-05-article.md'],
    ['!!! ??? …', '2024-03-05-article.md'],
    ['', '2024-03-05-article.md'],
  ])('turns the title %j into %s', (title, name) => {
    expect(articleFileName('2024-03-05', title)).toBe(name);
  });

  it('cuts a long title at a word boundary within 60 characters', () => {
    const name = articleFileName(
      '2024-03-05',
      'Councillors back a fourteen million pound scheme for the River Wyre seven years after the flood',
    );
    const slug = name.slice('2024-03-05-'.length, -'.md'.length);

    expect(slug).toBe('councillors-back-a-fourteen-million-pound-scheme-for-the');
    expect(slug.length).toBeLessThanOrEqual(60);
  });

  it('cuts a single word longer than 60 characters rather than dropping it', () => {
    const slug = articleFileName('2024-03-05', 'a'.repeat(80)).slice(11, -3);
    expect(slug).toBe('a'.repeat(60));
  });

  it('throws on a date that is not YYYY-MM-DD', () => {
    expect(() => articleFileName('5 March 2024', 'Title')).toThrow('expected a YYYY-MM-DD date');
  });
});

const META: ArticleMeta = {
  title: 'Flood wall plan for Millbridge approved',
  url: 'https://www.northerncourier.example/news/2024/mar/05/millbridge-flood-wall-approved',
  publisher: 'The Northern Courier',
  published: '2024-03-05',
  byline: 'Priya Raman',
};

describe('renderArticleFile', () => {
  it('writes the corpus format: front matter, then paragraphs separated by blank lines', () => {
    expect(renderArticleFile(META, ['First paragraph.', 'Second paragraph.'])).toBe(
      [
        '---',
        'title: Flood wall plan for Millbridge approved',
        'url: https://www.northerncourier.example/news/2024/mar/05/millbridge-flood-wall-approved',
        'publisher: The Northern Courier',
        'published: 2024-03-05',
        'byline: Priya Raman',
        '---',
        '',
        'First paragraph.',
        '',
        'Second paragraph.',
        '',
      ].join('\n'),
    );
  });

  it.each([
    "'I will be ready': Putin says he will meet Trump",
    'Flood wall: "a concrete answer" # says councillor',
    '- a title that starts like a list item',
    '2024-03-05',
    'null',
    'yes',
    '@handle & *star* | pipe > quote % percent',
    '“Curly” ‘quotes’ and a very long title that goes on and on well past the eighty character folding width of YAML',
  ])('writes a title that reads back unchanged: %s', (title) => {
    const text = renderArticleFile({ ...META, title, publisher: `${title} Media` }, ['One.', 'Two.']);
    const result = parseArticle('a.md', new TextEncoder().encode(text), []);

    expect(result).toHaveProperty('article');
    if (!('article' in result)) return;
    expect(result.article.title).toBe(title);
    expect(result.article.publisher).toBe(`${title} Media`);
    expect(result.article.paragraphs.map((paragraph) => paragraph.text)).toEqual(['One.', 'Two.']);
  });

  it('leaves out the byline when there is none', () => {
    const { byline: _byline, ...withoutByline } = META;
    expect(renderArticleFile(withoutByline, ['One.'])).not.toContain('byline');
  });

  it('refuses a paragraph that would split into two', () => {
    expect(() => renderArticleFile(META, ['One.\n\nTwo.'])).toThrow('hold no blank line');
  });
});

describe('writeFileAtomically', () => {
  it('writes the file and leaves no temporary file behind', async () => {
    const dir = await freshDir();
    await writeFileAtomically(join(dir, 'a.md'), 'hello\n');

    expect(await readFile(join(dir, 'a.md'), 'utf8')).toBe('hello\n');
    expect(await readdir(dir)).toEqual(['a.md']);
  });

  it('refuses to overwrite an existing file, keeps it intact and leaves no temporary file', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'a.md'), 'original\n');

    await expect(writeFileAtomically(join(dir, 'a.md'), 'replacement\n')).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await readFile(join(dir, 'a.md'), 'utf8')).toBe('original\n');
    expect(await readdir(dir)).toEqual(['a.md']);
  });

  it('lets only one of two simultaneous writers of the same file succeed', async () => {
    const dir = await freshDir();
    const results = await Promise.allSettled([
      writeFileAtomically(join(dir, 'a.md'), 'first\n'),
      writeFileAtomically(join(dir, 'a.md'), 'second\n'),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(['first\n', 'second\n']).toContain(await readFile(join(dir, 'a.md'), 'utf8'));
    expect(await readdir(dir)).toEqual(['a.md']);
  });

  it('fails without leaving anything when the folder does not exist', async () => {
    const dir = await freshDir();
    await expect(writeFileAtomically(join(dir, 'missing', 'a.md'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await readdir(dir)).toEqual([]);
  });
});
