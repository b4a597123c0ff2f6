import { parseArgs } from 'node:util';
import { archiveArticle, listArchived, restoreArticle } from '../corpus/archive.js';
import { formatProblem } from '../corpus/article.js';
import { loadCorpus } from '../corpus/loadCorpus.js';
import { buildEngine } from '../engine.js';
import { progressBar } from './progressBar.js';

const USAGE = `Usage: npm run corpus -- <command> [--corpus DIR]
  check          validate every file; exits 1 on any problem (file:line: what is wrong)
  list           the articles, and the archived ones
  index          build the index with a progress bar and save its snapshot
  add URL        fetch a news page, extract the article and add it to the corpus
  remove ID      move an article to the archive (nothing is deleted)
  restore ID     bring an archived article back`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      corpus: { type: 'string', default: process.env.CORPUS_DIR ?? 'corpus' },
      'allow-private': { type: 'boolean', default: false },
    },
  });
  const [command, argument] = positionals;
  const dir = values.corpus;
  switch (command) {
    case 'check': {
      const corpus = await loadCorpus(dir);
      for (const problem of corpus.problems) console.error(formatProblem(problem));
      console.log(
        `${corpus.articles.length} article(s) valid, ${corpus.problems.length} problem(s) in ${dir}`,
      );
      return corpus.problems.length === 0 ? 0 : 1;
    }
    case 'list': {
      const corpus = await loadCorpus(dir);
      for (const article of corpus.articles) {
        const body = article.paragraphs.filter((paragraph) => !paragraph.furniture).length;
        console.log(
          `${article.id}\t${article.published}\t${article.publisher}\t${body} paragraphs\t${article.title}`,
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
        `${engine.corpus.articles.length} articles, ${engine.index.passageCount} passages: ${engine.source === 'snapshot' ? 'loaded from snapshot' : 'built'} in ${Math.round(engine.buildMs)} ms`,
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
    case 'add': {
      if (!argument) break;
      const { addArticleFromUrl } = await import('../ingest/addArticle.js');
      const added = await addArticleFromUrl(dir, argument, {
        allowPrivateAddresses: values['allow-private'],
      });
      console.log(
        `Added “${added.title}” (${added.paragraphs} paragraphs) as ${added.file}. Refresh the bot's corpus to apply.`,
      );
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
