import { createHash } from 'node:crypto';
import { prepareNeighbourSteps } from './answer/weighQuestion.js';
import { runInSlices } from './cooperative.js';
import type { Article, CorpusProblem } from './corpus/article.js';
import { buildEngine, type Engine, prepareForRefresh } from './engine.js';
import type { SearchIndex } from './search/searchIndex.js';
import { saveSnapshot } from './snapshot.js';

export interface CorpusSize {
  readonly articles: number;
  readonly chunks: number;
}

export interface RefreshReport {
  /**
   * `applied`: the new index serves (duplicate copies, if any, skipped and listed in `problems`);
   * `rejected`: problems found, the previous index still serves.
   */
  readonly status: 'applied' | 'rejected';
  readonly problems: readonly CorpusProblem[];
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly before: CorpusSize;
  readonly after: CorpusSize;
  readonly ms: number;
  /** True when this refresh had to wait for another one to finish first. */
  readonly waited: boolean;
}

export interface RefreshOptions {
  /** Apply the valid files even when others have problems (those are skipped). */
  readonly skipInvalid?: boolean;
  /** Progress of the rebuild, for long refreshes. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface StoreOptions {
  /** Load and save index snapshots beside the corpus (see src/snapshot.ts). */
  readonly snapshot?: boolean;
  readonly onSnapshotError?: (error: unknown) => void;
  /** Told of every finished refresh (metrics). */
  readonly onRefreshed?: (report: RefreshReport) => void;
}

/**
 * Holds the engine that serves answers and swaps in a rebuilt one atomically. Reads always see a
 * complete engine; refreshes are serialised, and a failed one leaves the current engine in place.
 */
export class EngineStore {
  private current: Engine;
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;

  private constructor(
    readonly corpusDir: string,
    engine: Engine,
    private readonly options: StoreOptions,
  ) {
    this.current = engine;
  }

  static async open(corpusDir: string, options: StoreOptions = {}): Promise<EngineStore> {
    return new EngineStore(corpusDir, await buildEngine(corpusDir, options), options);
  }

  /** A store serving an engine already built (the CLI); refresh rebuilds from `engine`'s folder. */
  static serving(engine: Engine, corpusDir = '.', options: StoreOptions = {}): EngineStore {
    return new EngineStore(corpusDir, engine, options);
  }

  /** The engine serving now. Callers take it once per request so one answer never mixes two corpora. */
  get engine(): Engine {
    return this.current;
  }

  /** Re-reads the corpus folder, builds a new engine aside, then swaps it in (or reports why not). */
  refresh(options: RefreshOptions = {}): Promise<RefreshReport> {
    const waited = this.running > 0;
    this.running++;
    const run = this.queue.then(() => this.rebuild(options, waited));
    this.queue = run.catch(() => undefined);
    return run.finally(() => {
      this.running--;
    });
  }

  /**
   * After a start from a snapshot: readies what the next refresh reuses (see prepareForRefresh), in
   * slices, queued like a refresh. The engine serving then answers exactly as before.
   */
  prepareForRefresh(): Promise<void> {
    const run = this.queue.then(async () => {
      this.current = await prepareForRefresh(this.corpusDir, this.current);
      await runInSlices(readySteps(this.current.index));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(options: RefreshOptions, waited: boolean): Promise<RefreshReport> {
    const started = performance.now();
    const previous = this.current;
    // Never save a snapshot of a corpus that is rejected: the served one must stay what is saved.
    const next = await buildEngine(this.corpusDir, {
      previous,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const problems = next.corpus.problems;
    // A duplicate is skipped and reported, not refused: its article is served from the first copy.
    const rejected = problems.some((problem) => !problem.duplicate) && !options.skipInvalid;
    if (!rejected) {
      this.current = next;
      // Right after the swap, in slices: the first question with a typo or a paraphrase would
      // otherwise make the look-ups at once (64 ms at 10,000 articles; 10–50 ms at 1,000); one asked
      // meanwhile makes them itself.
      await runInSlices(readySteps(next.index));
      if (this.options.snapshot) {
        await saveSnapshot(this.corpusDir, next).catch((error: unknown) =>
          this.options.onSnapshotError?.(error),
        );
      }
    }
    const diff = diffArticles(previous.corpus.articles, next.corpus.articles);
    const report: RefreshReport = {
      status: rejected ? 'rejected' : 'applied',
      problems,
      ...diff,
      before: sizeOf(previous),
      after: sizeOf(rejected ? previous : next),
      ms: performance.now() - started,
      waited,
    };
    this.options.onRefreshed?.(report);
    return report;
  }
}

/** The look-ups a new index makes on first use (typo matching, paraphrase neighbours), made in steps. */
export function* readySteps(index: SearchIndex): Generator<void, void> {
  yield* index.prepareLookupSteps();
  yield* prepareNeighbourSteps(index);
}

function sizeOf(engine: Engine): CorpusSize {
  return { articles: engine.corpus.articles.length, chunks: engine.index.passageCount };
}

function fingerprint(article: Article): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([article.title, article.url, article.publisher, article.published, article.byline ?? '']),
  );
  for (const paragraph of article.paragraphs)
    hash.update(`${paragraph.furniture ? 'F' : 'P'}${paragraph.text}\n`);
  return hash.digest('hex');
}

/** Titles of the articles added, changed and removed between two corpora (matched by id). */
export function diffArticles(
  before: readonly Article[],
  after: readonly Article[],
): { added: string[]; changed: string[]; removed: string[] } {
  const old = new Map(before.map((article) => [article.id, article]));
  const now = new Map(after.map((article) => [article.id, article]));
  const added = after.filter((article) => !old.has(article.id)).map((article) => article.title);
  const removed = before.filter((article) => !now.has(article.id)).map((article) => article.title);
  const changed = after
    .filter((article) => {
      const previous = old.get(article.id);
      // A refresh keeps an unchanged file's article itself: hashing every pair held the event loop
      // for 120–150 ms at 10,000 articles on every refresh.
      return previous !== undefined && previous !== article && fingerprint(previous) !== fingerprint(article);
    })
    .map((article) => article.title);
  return { added, changed, removed };
}
