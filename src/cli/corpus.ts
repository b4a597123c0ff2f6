import './loadEnv.js';
import { join } from 'node:path';
import { databaseUrl } from '../config.js';
import { archiveArticle, listArchived, restoreArticle } from '../corpus/archive.js';
import { formatProblem } from '../corpus/article.js';
import { loadCorpus } from '../corpus/loadCorpus.js';
import { buildEngine } from '../engine.js';
import { parseStoredArticles } from '../library/serverLibrary.js';
import { DATABASE_FILE } from '../store/libraryStore.js';
import { count } from '../text/plural.js';
import { exitQuietlyWhenPipeCloses } from './closedPipe.js';
import { openBotStore } from './openStore.js';
import { parseCliArgs } from './parseCliArgs.js';
import { progressBar } from './progressBar.js';

const USAGE = `Usage: npm run corpus -- <command> [--corpus DIR] [--data DIR] [--guild ID]
  check          validate every file; exits 1 on any problem (file:line: what is wrong)
                 --guild ID: a server's own articles instead; --all-servers: every server's
  list           the articles, and the archived ones (--guild ID: a server's own and hidden ones)
  purge-server ID  delete everything kept for a server: its articles, settings and history
  copy-store     copy --data's SQLite store into DATABASE_URL's empty PostgreSQL store (when moving
                 the bot to several machines: every server keeps its library, settings and history)
  index          build the index with a progress bar and save its snapshot
  add URL        fetch a news page, extract the article and add it to the corpus
                 (--allow-private: also private and loopback addresses, for testing)
  remove ID      move an article to the archive (nothing is deleted)
  restore ID     bring an archived article back
Server libraries are read from --data's SQLite file, or from DATABASE_URL's PostgreSQL database when set.`;

async function main(): Promise<number> {
  const { values, positionals } = parseCliArgs(
    {
      allowPositionals: true,
      options: {
        corpus: { type: 'string', default: process.env.CORPUS_DIR || 'corpus' },
        data: { type: 'string', default: process.env.DATA_DIR || 'data' },
        guild: { type: 'string' },
        'all-servers': { type: 'boolean', default: false },
        'allow-private': { type: 'boolean', default: false },
      },
    },
    USAGE,
  );
  const [command, argument] = positionals;
  const dir = values.corpus;
  const servers = values['all-servers'] ? 'all' : values.guild;
  switch (command) {
    case 'check': {
      if (servers !== undefined) return checkServers(dir, values.data, servers);
      const corpus = await loadCorpus(dir);
      for (const problem of corpus.problems) console.error(formatProblem(problem));
      console.log(
        `${count(corpus.articles.length, 'article')} valid, ${count(corpus.problems.length, 'problem')} in ${dir}`,
      );
      // Valid, but worth a word: the bot would answer only from servers' own libraries.
      if (corpus.articles.length === 0 && corpus.problems.length === 0)
        console.error(`warning: ${dir} has no articles: add some with npm run corpus -- add URL`);
      return corpus.problems.length === 0 ? 0 : 1;
    }
    case 'list': {
      if (values.guild !== undefined) return listServer(dir, values.data, values.guild);
      const corpus = await loadCorpus(dir);
      for (const article of corpus.articles) {
        const body = article.paragraphs.filter((paragraph) => !paragraph.furniture).length;
        console.log(
          `${article.id}\t${article.published}\t${article.publisher}\t${count(body, 'paragraph')}\t${article.title}`,
        );
      }
      for (const id of await listArchived(dir)) console.log(`${id}\t(archived)`);
      return 0;
    }
    case 'index': {
      const bar = progressBar('Indexing');
      const engine = await buildEngine(dir, {
        snapshot: true,
        onProgress: (done, total) => bar.update(done, total),
        onSnapshotError: (error) => console.error(`warning: snapshot not saved: ${String(error)}`),
      });
      console.log(
        `${count(engine.corpus.articles.length, 'article')}, ${count(engine.index.passageCount, 'passage')}: ${engine.source === 'snapshot' ? 'loaded from snapshot' : 'built'} in ${Math.round(engine.buildMs)} ms`,
      );
      return 0;
    }
    case 'remove':
    case 'restore': {
      if (!argument) break;
      const path =
        command === 'remove' ? await archiveArticle(dir, argument) : await restoreArticle(dir, argument);
      console.log(
        `${command === 'remove' ? 'Archived' : 'Restored'} ${argument} → ${path}. Refresh the bot's corpus to apply.`,
      );
      return 0;
    }
    case 'purge-server': {
      if (!argument) break;
      const store = await openBotStore(values.data);
      const { articles, auditEntries } = await store.purgeGuild(argument).finally(() => store.close());
      console.log(
        `Deleted server ${argument}: ${count(articles, 'article')}, ${count(auditEntries, 'history entry', 'history entries')}, its settings and hidden list.`,
      );
      return 0;
    }
    case 'copy-store': {
      const url = databaseUrl(process.env).databaseUrl;
      if (!url) {
        console.error('copy-store: set DATABASE_URL to the PostgreSQL database to copy the store into.');
        return 2;
      }
      const { copyToPostgres } = await import('../store/copyToPostgres.js');
      const { rows } = await copyToPostgres(join(values.data, DATABASE_FILE), url);
      console.log(
        `Copied into PostgreSQL: ${count(rows.guilds ?? 0, 'server')}, ${count(rows.server_articles ?? 0, 'server article')}, ${count(rows.hidden_articles ?? 0, 'hidden article')}, ${count(rows.audit ?? 0, 'history entry', 'history entries')}.`,
      );
      return 0;
    }
    case 'add': {
      if (!argument) break;
      const { addArticleFromUrl } = await import('../ingest/addArticle.js');
      const added = await addArticleFromUrl(dir, argument, {
        allowPrivateAddresses: values['allow-private'],
      });
      console.log(
        `Added “${added.title}” (${count(added.paragraphs, 'paragraph')}) as ${added.file}. Refresh the bot's corpus to apply.`,
      );
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

/** Checks a server's stored articles (or every server's) with the shared library's furniture rules. */
async function checkServers(corpusDir: string, dataDir: string, which: string): Promise<number> {
  const { furnitureRules } = await loadCorpus(corpusDir);
  const store = await openBotStore(dataDir);
  try {
    const guilds = which === 'all' ? await store.guildsWithArticles() : [which];
    let valid = 0;
    let problems = 0;
    for (const guildId of guilds) {
      const stored = [
        ...(await store.articles(guildId, 'active')),
        ...(await store.articles(guildId, 'archived')),
      ];
      const parsed = parseStoredArticles(stored, furnitureRules);
      for (const problem of parsed.problems) console.error(formatProblem(problem));
      valid += parsed.articles.length;
      problems += parsed.problems.length;
    }
    console.log(
      `${count(valid, 'server article')} valid, ${count(problems, 'problem')} in ${count(guilds.length, 'server')}`,
    );
    return problems === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

async function listServer(corpusDir: string, dataDir: string, guildId: string): Promise<number> {
  const store = await openBotStore(dataDir);
  try {
    for (const which of ['active', 'archived'] as const) {
      for (const article of await store.articles(guildId, which)) {
        const when = new Date(article.addedAt).toISOString().slice(0, 10);
        console.log(
          `${article.articleId}	${which === 'archived' ? '(archived)	' : ''}added ${when} by ${article.addedBy}	${article.title}`,
        );
      }
    }
    for (const id of await store.hidden(guildId))
      console.log(`${id}	(shared, hidden in this server; shared folder ${corpusDir})`);
    return 0;
  } finally {
    await store.close();
  }
}

exitQuietlyWhenPipeCloses();
process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
