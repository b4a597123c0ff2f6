import { type Article, type CorpusProblem, formatProblem } from '../corpus/article.js';
import { canonicalUrl, storyHash } from '../corpus/loadCorpus.js';
import type { CorpusChange } from '../corpusAdmin.js';
import type { Engine } from '../engine.js';
import type { EngineStore, RefreshReport } from '../engineStore.js';
import { type AddArticleOptions, prepareArticle, sameStory } from '../ingest/addArticle.js';
import { IngestError } from '../ingest/ingestError.js';
import { LayeredQuotes, type QuoteLibrary } from '../quotes/layeredQuotes.js';
import { QuoteIndex } from '../quotes/quoteIndex.js';
import { LayeredIndex } from '../search/layeredIndex.js';
import type { Searchable } from '../search/searchable.js';
import { SearchIndex } from '../search/searchIndex.js';
import type { Actor, AuditAction, AuditEntry, LibraryStore } from '../store/libraryStore.js';
import { StoreError } from '../store/libraryStore.js';
import { count } from '../text/plural.js';
import { buildServerLibrary, parseStoredArticles, type ServerLibrary } from './serverLibrary.js';

/** What one server (or a DM, `guildId` null) is answered from: the shared library minus what it hid, plus its own. */
export interface LibraryView {
  readonly guildId: string | null;
  readonly index: Searchable;
  /** The quotes answered from here, built on first use. */
  quotes(): Promise<QuoteLibrary>;
  /** Every article answered from here: the shared ones not hidden, then the server's own. */
  readonly articles: readonly Article[];
  /** Which of `articles` are the server's own. */
  readonly ownIds: ReadonlySet<string>;
  /** Shared articles this server hid. */
  readonly hidden: readonly Article[];
  /** The server's stored articles that do not load. */
  readonly problems: readonly CorpusProblem[];
  /** The shared library's engine this view is layered on. */
  readonly shared: Engine;
  readonly builtAt: Date;
}

/** What a change did: a sentence for the moderator, the refresh report, and which library it changed. */
export interface LibraryChange {
  readonly summary: string;
  readonly report: RefreshReport;
  readonly library: 'server' | 'shared';
}

export interface LibrariesOptions {
  /** Server libraries kept in memory; the least recently used beyond this are rebuilt when next asked. */
  readonly maxCachedServers?: number;
  /** Told when a server's library could not be read again and its last one is served meanwhile. */
  readonly onStale?: (guildId: string, error: unknown) => void;
}

interface CachedServer {
  readonly engine: Engine;
  /** The server library's version in the store when this entry was read. */
  readonly version: number;
  readonly own: ServerLibrary | null;
  readonly hidden: ReadonlySet<string>;
  readonly view: LibraryView;
}

/**
 * Every server's library: the shared one (the corpus folder, one index for all) and each server's
 * own articles and hidden list (in the store), combined into a view per server on demand. Changes to
 * one server's library touch nothing of another's and never rebuild the shared index.
 */
export class Libraries {
  private readonly cache = new Map<string, Promise<CachedServer>>();
  private readonly sharedViews = new WeakMap<Engine, LibraryView>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly maxCached: number;

  constructor(
    readonly shared: EngineStore,
    readonly store: LibraryStore,
    private readonly options: LibrariesOptions = {},
  ) {
    this.maxCached = options.maxCachedServers ?? 500;
  }

  /** The view a server (or a DM, `null`) is answered from. Take it once per request. */
  async view(guildId: string | null): Promise<LibraryView> {
    const engine = this.shared.engine;
    if (guildId === null) return this.sharedView(engine);
    const version = this.store.libraryVersion(guildId);
    const cached = this.cache.get(guildId);
    let last: CachedServer | undefined;
    if (cached) {
      const entry = await cached.catch(() => undefined);
      last = entry;
      if (entry && entry.version === version) return this.served(guildId, entry, engine);
    }
    const loading = this.load(guildId, engine, version);
    this.touch(guildId, loading);
    try {
      return (await loading).view;
    } catch (error) {
      this.cache.delete(guildId);
      if (!last) throw error;
      // The store cannot be read (a database outage): this server's last library serves meanwhile,
      // and the next question tries again (its version still differs).
      this.options.onStale?.(guildId, error);
      return this.served(guildId, last, engine);
    }
  }

  /** A library read before, served on the shared engine serving now, as the most recently used. */
  private served(guildId: string, read: CachedServer, engine: Engine): LibraryView {
    // Only the shared library changed: layer the same own index on the new shared one.
    const current =
      read.engine === engine ? read : this.entry(guildId, engine, read.own, read.hidden, read.version);
    this.touch(guildId, Promise.resolve(current));
    return current.view;
  }

  /** Drops a server's library from memory (it stays stored); the next question rebuilds it. */
  forget(guildId: string): void {
    this.cache.delete(guildId);
  }

  /** How many server libraries are in memory now. */
  get cachedServers(): number {
    return this.cache.size;
  }

  // --- changes to a server's own library -----------------------------------------------------------

  /** Fetches a page and adds it to the server's own library. */
  addToServer(
    guildId: string,
    url: string,
    actor: Actor,
    options: AddArticleOptions = {},
  ): Promise<LibraryChange> {
    return this.serverChange(guildId, async (before) => {
      const archived = parseStoredArticles(
        await this.store.articles(guildId, 'archived'),
        before.shared.corpus.furnitureRules,
      ).articles;
      const prepared = await prepareArticle(url, {
        ...options,
        furnitureRules: before.shared.corpus.furnitureRules,
        known: [...before.articles, ...before.hidden],
        archived,
        libraryName: 'The library',
      });
      const taken = new Set([
        ...before.shared.corpus.articles.map((article) => article.id),
        ...(await this.store.articles(guildId, 'active')).map((article) => article.articleId),
        ...archived.map((article) => article.id),
      ]);
      const articleId = freeId(prepared.fileName.replace(/\.md$/, ''), taken);
      const stored = await this.store.addArticle(
        guildId,
        {
          articleId,
          title: prepared.title,
          url: prepared.url,
          canonicalUrl: canonicalUrl(prepared.url),
          bodyHash: storyHash(prepared.paragraphs),
          markdown: prepared.markdown,
        },
        actor,
        { paragraphs: prepared.paragraphs.length },
      );
      return {
        summary: `Added “${stored.title}” (${count(prepared.paragraphs.length, 'paragraph')}) to this server's library as ${articleId}.`,
        added: [stored.title],
      };
    });
  }

  /** Moves a server article to its archive. */
  removeFromServer(guildId: string, articleId: string, actor: Actor): Promise<LibraryChange> {
    return this.serverChange(guildId, async () => {
      const stored = await this.store.archiveArticle(guildId, articleId, actor);
      return {
        summary: `Archived “${stored.title}” from this server's library; /library restore brings it back.`,
        removed: [stored.title],
      };
    });
  }

  restoreToServer(guildId: string, articleId: string, actor: Actor): Promise<LibraryChange> {
    return this.serverChange(guildId, async () => {
      const stored = await this.store.restoreArticle(guildId, articleId, actor);
      return { summary: `Restored “${stored.title}” to this server's library.`, added: [stored.title] };
    });
  }

  /** Hides a shared article from this server only. */
  hide(guildId: string, articleId: string, actor: Actor): Promise<LibraryChange> {
    return this.serverChange(guildId, async (before) => {
      const article = before.shared.corpus.articles.find((candidate) => candidate.id === articleId);
      if (!article) throw new StoreError('not-found', `No shared article ${articleId}.`);
      await this.store.hide(guildId, articleId, article.title, actor);
      return {
        summary: `Hid “${article.title}” in this server; other servers still see it. /library unhide shows it again.`,
        removed: [article.title],
      };
    });
  }

  unhide(guildId: string, articleId: string, actor: Actor): Promise<LibraryChange> {
    return this.serverChange(guildId, async (before) => {
      const article = before.shared.corpus.articles.find((candidate) => candidate.id === articleId);
      await this.store.unhide(guildId, articleId, article?.title ?? articleId, actor);
      return { summary: `“${article?.title ?? articleId}” is shown in this server again.`, added: [] };
    });
  }

  /**
   * Fetches every article of the server's library again and stores those whose text changed (news is
   * corrected and updated). A page that cannot be fetched keeps its stored text and is reported.
   */
  refreshServer(guildId: string, actor: Actor, options: AddArticleOptions = {}): Promise<LibraryChange> {
    return this.serverChange(guildId, async (before) => {
      const stored = await this.store.articles(guildId, 'active');
      const { articles } = parseStoredArticles(stored, before.shared.corpus.furnitureRules);
      const byId = new Map(articles.map((article) => [article.id, article]));
      const changed: string[] = [];
      const failed: string[] = [];
      for (const entry of stored) {
        const current = byId.get(entry.articleId);
        try {
          const fresh = await prepareArticle(entry.url, {
            ...options,
            furnitureRules: before.shared.corpus.furnitureRules,
            known: [],
          });
          if (current && sameStory(current, fresh.paragraphs) && current.title === fresh.title) continue;
          const paragraphsBefore = current?.paragraphs.filter((p) => !p.furniture).length ?? 0;
          await this.store.updateArticle(
            guildId,
            entry.articleId,
            { title: fresh.title, markdown: fresh.markdown, bodyHash: storyHash(fresh.paragraphs) },
            actor,
            { paragraphsBefore, paragraphsAfter: fresh.paragraphs.length, titleBefore: entry.title },
          );
          changed.push(fresh.title);
        } catch (error) {
          if (!(error instanceof IngestError || error instanceof StoreError)) throw error;
          failed.push(`${entry.title}: ${error.message}`);
        }
      }
      await this.store.record({
        guildId,
        library: 'server',
        userId: actor.userId,
        action: 'refresh',
        detail: { articles: stored.length, changed, failed },
      });
      const unchanged = stored.length - changed.length - failed.length;
      const summary = [
        `Fetched ${count(stored.length, 'article')} of this server's library again: ${changed.length} changed, ${unchanged} unchanged.`,
        ...failed.map((line) => `Kept the stored text of ${line}`),
      ].join('\n');
      return { summary, changed };
    });
  }

  /**
   * Runs a change to the shared library (the corpus folder; see corpusAdmin) and records it in the
   * audit trail of the server it was made from: started before, then how it ended.
   */
  async sharedChange(
    guildId: string,
    actor: Actor,
    action: AuditAction,
    run: () => Promise<CorpusChange>,
    request: Record<string, unknown> = {},
  ): Promise<LibraryChange> {
    // Recorded first: a change to the folder and a row cannot be one transaction.
    const entry = await this.store.begin({
      guildId,
      library: 'shared',
      userId: actor.userId,
      action,
      detail: request,
    });
    let change: CorpusChange;
    try {
      change = await run();
    } catch (error) {
      await this.store.finish(entry, 'failed', {
        ...request,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
    const { report } = change;
    if (report.status === 'applied')
      // Processes on other machines hear of it here: their file events do not cross machines.
      await this.store.announceSharedChange();
    await this.store.finish(entry, report.status === 'applied' ? 'applied' : 'rejected', {
      ...request,
      added: report.added,
      changed: report.changed,
      removed: report.removed,
      ...(report.problems.length > 0 ? { problems: report.problems.map(formatProblem) } : {}),
    });
    return { ...change, library: 'shared' };
  }

  /** Ids of the server's archived articles, for /library restore. */
  async archivedIds(guildId: string): Promise<string[]> {
    return (await this.store.articles(guildId, 'archived')).map((article) => article.articleId);
  }

  /** The server's latest changes (and the shared library's, for a home server). */
  history(guildId: string, shared: boolean, limit = 10): Promise<AuditEntry[]> {
    return this.store.history(guildId, { shared, limit });
  }

  // --- internals -----------------------------------------------------------------------------------

  /** Runs one change to a server's library after the previous one, then rebuilds its view. */
  private serverChange(
    guildId: string,
    change: (
      before: LibraryView,
    ) => Promise<{ summary: string; added?: string[]; changed?: string[]; removed?: string[] }>,
  ): Promise<LibraryChange> {
    const run = (this.queues.get(guildId) ?? Promise.resolve()).then(async () => {
      const started = performance.now();
      const before = await this.view(guildId);
      const done = await change(before);
      const after = await this.view(guildId);
      const report: RefreshReport = {
        status: 'applied',
        problems: after.problems,
        added: done.added ?? [],
        changed: done.changed ?? [],
        removed: done.removed ?? [],
        before: sizeOf(before),
        after: sizeOf(after),
        ms: performance.now() - started,
        waited: false,
      };
      return { summary: done.summary, report, library: 'server' as const };
    });
    this.queues.set(
      guildId,
      run.catch(() => undefined),
    );
    return run;
  }

  private async load(guildId: string, engine: Engine, version: number): Promise<CachedServer> {
    const { articles: stored, hidden } = await this.store.library(guildId);
    const own =
      stored.length === 0
        ? null
        : await buildServerLibrary(guildId, stored, {
            furnitureRules: engine.corpus.furnitureRules,
            synonyms: engine.corpus.synonyms,
          });
    return this.entry(guildId, engine, own, hidden, version);
  }

  private entry(
    guildId: string,
    engine: Engine,
    own: ServerLibrary | null,
    hidden: ReadonlySet<string>,
    version: number,
  ): CachedServer {
    // Hiding an article the shared library no longer has changes nothing.
    const hiddenHere = new Set([...hidden].filter((id) => engine.index.articles.has(id)));
    const view =
      own === null && hiddenHere.size === 0
        ? { ...this.sharedView(engine), guildId }
        : this.layeredView(guildId, engine, own, hiddenHere);
    return { engine, version, own, hidden, view };
  }

  private layeredView(
    guildId: string,
    engine: Engine,
    own: ServerLibrary | null,
    hidden: ReadonlySet<string>,
  ): LibraryView {
    const ownIndex = own?.index ?? emptyFor(engine).index;
    let quotes: Promise<QuoteLibrary> | undefined;
    const sharedArticles = engine.corpus.articles.filter((article) => !hidden.has(article.id));
    const ownArticles = own?.articles ?? [];
    return {
      guildId,
      index: new LayeredIndex(engine.index, ownIndex, hidden),
      quotes: () => {
        quotes ??= (own ? own.quotes() : Promise.resolve(emptyFor(engine).quotes)).then(
          (ownQuotes) => new LayeredQuotes(engine.quotes, ownQuotes, hidden),
        );
        return quotes;
      },
      articles: [...sharedArticles, ...ownArticles],
      ownIds: new Set(ownArticles.map((article) => article.id)),
      hidden: engine.corpus.articles.filter((article) => hidden.has(article.id)),
      problems: own?.problems ?? [],
      shared: engine,
      builtAt: own && own.builtAt > engine.builtAt ? own.builtAt : engine.builtAt,
    };
  }

  private sharedView(engine: Engine): LibraryView {
    let view = this.sharedViews.get(engine);
    if (!view) {
      view = {
        guildId: null,
        index: engine.index,
        quotes: () => Promise.resolve(engine.quotes),
        articles: engine.corpus.articles,
        ownIds: new Set(),
        hidden: [],
        problems: [],
        shared: engine,
        builtAt: engine.builtAt,
      };
      this.sharedViews.set(engine, view);
    }
    return view;
  }

  /** Most recently used last; the oldest beyond the limit are dropped (rebuilt from the store when asked). */
  private touch(guildId: string, entry: Promise<CachedServer>): void {
    this.cache.delete(guildId);
    this.cache.set(guildId, entry);
    while (this.cache.size > this.maxCached) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}

const empties = new WeakMap<Engine, { index: SearchIndex; quotes: QuoteIndex }>();

/** An index and quotes with no articles, for a server that hid shared articles but has none of its own. */
function emptyFor(engine: Engine): { index: SearchIndex; quotes: QuoteIndex } {
  let empty = empties.get(engine);
  if (!empty) {
    empty = { index: new SearchIndex([], { synonyms: engine.corpus.synonyms }), quotes: new QuoteIndex([]) };
    empties.set(engine, empty);
  }
  return empty;
}

function sizeOf(view: LibraryView): { articles: number; chunks: number } {
  return { articles: view.articles.length, chunks: view.index.passageCount };
}

/** `name`, or `name-2`, `name-3`… when taken. */
function freeId(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name}-${n}`)) return `${name}-${n}`;
}
