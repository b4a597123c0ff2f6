import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { readBefore } from '../../src/corpus/loadCorpus.js';
import { readCorpusFiles } from '../../src/corpus/readCorpusFiles.js';
import { buildEngine, type Engine } from '../../src/engine.js';
import { EngineStore } from '../../src/engineStore.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { renderArticleFile } from '../../src/ingest/articleFile.js';
import { copyBundledCorpus } from '../bundledCorpus.js';

// A refresh reuses what did not change (the parse of an unchanged file, and through it the
// article's sentence analysis and quotes) and must serve exactly what a build from scratch serves.

const SEED = '2024-12-19-putin-says-he-will-meet-trump.md';
const QUESTIONS = [
  'Will Putin meet Trump?',
  'what did the jury say about the election',
  'who is the new head coach of the eagles',
  'Assad Moscow',
  'how many deputies at the jail',
];

/** A Brown Corpus story as an article file, front matter and all. */
function storyFile(story: (typeof BROWN_STORIES)[number]): string {
  const article = brownStory(story);
  return renderArticleFile(
    article,
    article.paragraphs.map((paragraph) => paragraph.text),
  );
}

/** What an engine serves: answers and quotes, as plain data. */
function served(engine: Engine) {
  return {
    answers: QUESTIONS.map((question) => answer(engine.index, question, { limit: 5 })),
    quotes: engine.quotes.listQuotes(),
    speakers: engine.quotes.speakers(),
    passages: engine.index.passageCount,
    // The index itself, to the term numbers and postings: a refresh takes unchanged articles' term
    // ids over from the index it replaces, numbered again as a build from scratch numbers them.
    index: engine.index.toSnapshot(),
  };
}

describe('refreshing a corpus with one article changed', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'excerpt-refresh-'));
    await copyBundledCorpus(dir);
    const [jury] = BROWN_STORIES;
    await writeFile(join(dir, `${jury.id}.md`), storyFile(jury));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reuses the unchanged articles and serves what a build from scratch serves', async () => {
    const store = await EngineStore.open(dir);
    const before = store.engine.corpus.articles;

    const [, eagles] = BROWN_STORIES;
    await writeFile(join(dir, `${eagles.id}.md`), storyFile(eagles));
    const added = await store.refresh();
    expect(added.status).toBe('applied');
    const after = store.engine.corpus.articles;
    // The report names what changed; the unchanged articles, kept as they are, are not hashed.
    expect([added.added.length, added.changed, added.removed]).toEqual([1, [], []]);
    expect(after).toHaveLength(3);
    for (const article of before) expect(after).toContain(article); // the same objects, not re-parsed
    expect(served(store.engine)).toEqual(served(await buildEngine(dir)));

    await appendFile(join(dir, SEED), '\nPutin also said the conference would return next December.\n');
    const changed = await store.refresh();
    expect(changed.status).toBe('applied');
    const seed = store.engine.corpus.articles.find((article) => article.file === SEED);
    expect([changed.added, changed.changed, changed.removed]).toEqual([[], [seed?.title], []]);
    expect(before).not.toContain(seed);
    expect(store.engine.corpus.articles.filter((article) => after.includes(article))).toHaveLength(2);
    expect(served(store.engine)).toEqual(served(await buildEngine(dir)));
    expect(answer(store.engine.index, 'conference next December').excerpts[0]?.text).toContain(
      'return next December',
    );
  });

  it('after a start from the snapshot and preparing, reuses the restored articles and serves what a build serves', async () => {
    await EngineStore.open(dir, { snapshot: true }); // builds and saves the snapshot
    const store = await EngineStore.open(dir, { snapshot: true });
    expect(store.engine.source).toBe('snapshot');
    const restored = store.engine;
    await store.prepareForRefresh();
    // The same index and quotes serve: only what a refresh reuses was added.
    expect(store.engine.index).toBe(restored.index);
    expect(store.engine.quotes).toBe(restored.quotes);
    expect(store.engine.corpus.parsed?.size).toBe(2);

    const [, eagles] = BROWN_STORIES;
    await writeFile(join(dir, `${eagles.id}.md`), storyFile(eagles));
    expect((await store.refresh()).status).toBe('applied');
    for (const article of restored.corpus.articles) expect(store.engine.corpus.articles).toContain(article);
    expect(served(store.engine)).toEqual(served(await buildEngine(dir)));
  });

  it('does not prepare from a snapshot whose files have changed since it was loaded', async () => {
    await EngineStore.open(dir, { snapshot: true });
    const store = await EngineStore.open(dir, { snapshot: true });
    const restored = store.engine;
    await appendFile(join(dir, SEED), '\nPutin also said the conference would return next December.\n');
    await store.prepareForRefresh();
    expect(store.engine).toBe(restored);
    expect((await store.refresh()).status).toBe('applied');
    expect(served(store.engine)).toEqual(served(await buildEngine(dir)));
  });

  it('reads a changed furniture rule as a change to every article', async () => {
    const store = await EngineStore.open(dir);
    const before = store.engine.corpus.articles;
    await appendFile(join(dir, 'furniture-rules.txt'), '\n/^Putin also said nothing at all$/\n');
    expect((await store.refresh()).status).toBe('applied');
    for (const article of store.engine.corpus.articles) expect(before).not.toContain(article);
    expect(served(store.engine)).toEqual(served(await buildEngine(dir)));
  });

  it('reads again only the files whose metadata changed, and keeps the index when nothing did', async () => {
    const store = await EngineStore.open(dir);
    const unchanged = store.engine;
    expect((await store.refresh()).status).toBe('applied');
    expect(store.engine.index).toBe(unchanged.index);
    expect(store.engine.quotes).toBe(unchanged.quotes);

    await appendFile(join(dir, SEED), '\nPutin also said the conference would return next December.\n');
    const files = await readCorpusFiles(dir, readBefore(store.engine.corpus));
    const read = files.articles.filter((file) => file.bytes !== undefined).map((file) => file.name);
    expect(read).toEqual([SEED]);
    // The fingerprint covers the unread files too: it is the one a full read gives.
    expect(files.fingerprint).toBe((await readCorpusFiles(dir)).fingerprint);
    expect((await store.refresh()).status).toBe('applied');
    expect(store.engine.index).not.toBe(unchanged.index);
    expect(served(store.engine)).toEqual(served(await buildEngine(dir)));
  });
});
