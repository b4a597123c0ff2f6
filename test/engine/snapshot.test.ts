import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { corpusStamp } from '../../src/corpus/readCorpusFiles.js';
import { buildEngine } from '../../src/engine.js';
import { loadSnapshot, snapshotPath } from '../../src/snapshot.js';
import { copyBundledCorpus } from '../bundledCorpus.js';

const QUESTIONS = [
  'Will Putin meet Trump?',
  'Assad Moscow',
  'press conference',
  'What did Putin say about China?',
];
const SEED = '2024-12-19-putin-says-he-will-meet-trump.md';

describe('buildEngine with snapshots', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'excerpt-snapshot-'));
    await copyBundledCorpus(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves a snapshot, then loads it instead of rebuilding, with the same answers', async () => {
    const built = await buildEngine(dir, { snapshot: true });
    expect(built.source).toBe('built');
    const loaded = await buildEngine(dir, { snapshot: true });
    expect(loaded.source).toBe('snapshot');
    expect(loaded.index.passageCount).toEqual(built.index.passageCount);
    expect(loaded.index.sentences).toEqual(built.index.sentences);
    // Curly quotes, dashes and accents survive the ASCII-escaped file.
    expect(loaded.corpus.articles).toEqual(built.corpus.articles);
    expect(JSON.stringify(built.corpus.articles)).toMatch(/[\u0080-\uffff]/u);
    for (const question of QUESTIONS) {
      expect(answer(loaded.index, question, { limit: 5 })).toEqual(
        answer(built.index, question, { limit: 5 }),
      );
    }
  });

  it('rebuilds when an article file changes', async () => {
    await buildEngine(dir, { snapshot: true });
    await appendFile(join(dir, SEED), '\n\nA new closing paragraph about the Kremlin archives.\n');
    const next = await buildEngine(dir, { snapshot: true });
    expect(next.source).toBe('built');
    expect(answer(next.index, 'Kremlin archives').answered).toBe(true);
    expect((await buildEngine(dir, { snapshot: true })).source).toBe('snapshot');
  });

  it('loads by the files’ metadata alone, and falls back to their content when only that was touched', async () => {
    const built = await buildEngine(dir, { snapshot: true });
    expect(await loadSnapshot(dir, { stamp: await corpusStamp(dir) })).toHaveProperty('engine');
    // Touched, as a copy or a checkout does: the stamp differs, the same bytes still load.
    const later = new Date(Date.now() + 60_000);
    await utimes(join(dir, SEED), later, later);
    expect(await loadSnapshot(dir, { stamp: await corpusStamp(dir) })).toMatchObject({ reason: 'stale' });
    const loaded = await buildEngine(dir, { snapshot: true });
    expect(loaded.source).toBe('snapshot');
    expect(loaded.corpus.fingerprint).toBe(built.corpus.fingerprint);
    // …and the snapshot now carries the new stamp: the next start reads no article.
    expect(await loadSnapshot(dir, { stamp: await corpusStamp(dir) })).toHaveProperty('engine');
  });

  it('rebuilds after an edit that keeps the size and puts the modification time back', async () => {
    await buildEngine(dir, { snapshot: true });
    const path = join(dir, SEED);
    const { mtime, atime } = await stat(path);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('Assad', 'Asade').replace('Moscow', 'Moskva'));
    await utimes(path, atime, mtime);
    expect((await stat(path)).size).toBe(Buffer.byteLength(text));
    const next = await buildEngine(dir, { snapshot: true });
    expect(next.source).toBe('built');
    expect(next.corpus.articles[0]?.paragraphs.some((p) => p.text.includes('Moskva'))).toBe(true);
  });

  it('never trusts a damaged snapshot: a truncated or edited file is rebuilt', async () => {
    const built = await buildEngine(dir, { snapshot: true });
    const path = snapshotPath(dir);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, text.length / 2));
    expect(await loadSnapshot(dir, { fingerprint: built.corpus.fingerprint })).toMatchObject({
      reason: 'corrupt',
    });
    expect((await buildEngine(dir, { snapshot: true })).source).toBe('built');

    await writeFile(path, (await readFile(path, 'utf8')).replace('Assad', 'Asad'));
    expect(await loadSnapshot(dir, { fingerprint: built.corpus.fingerprint })).toMatchObject({
      reason: 'corrupt',
      detail: 'checksum mismatch',
    });
  });

  it('says why when there is no snapshot or it belongs to other files', async () => {
    expect(await loadSnapshot(dir, { fingerprint: 'x' })).toMatchObject({ reason: 'missing' });
    await buildEngine(dir, { snapshot: true });
    expect(await loadSnapshot(dir, { fingerprint: 'another fingerprint' })).toMatchObject({
      reason: 'stale',
    });
  });

  it('deletes what a killed save left behind at the next start, but not a save still running', async () => {
    await buildEngine(dir, { snapshot: true });
    // A process that has exited: its pid is free (or reused, rarely; then the file waits a start).
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(gone.stdout.toString());
    const stale = `snapshot.json.${hostname()}.${deadPid}.1700000000000.tmp`;
    const staleUnnamed = `snapshot.json.${deadPid}.1700000000001.tmp`; // saved before hosts were named
    const running = `snapshot.json.${hostname()}.${process.pid}.1700000000000.tmp`;
    // Another machine sharing the folder: its process numbers mean nothing here.
    const elsewhere = `snapshot.json.other-host.example.${deadPid}.1700000000000.tmp`;
    for (const name of [stale, staleUnnamed, running, elsewhere])
      await writeFile(join(dir, '.index', name), 'part of a snapshot');

    const engine = await buildEngine(dir, { snapshot: true });
    expect(engine.source).toBe('snapshot');
    const left = await readdir(join(dir, '.index'));
    expect(left).not.toContain(stale);
    expect(left).not.toContain(staleUnnamed);
    expect(left).toContain(running);
    expect(left).toContain(elsewhere);
  });
});
