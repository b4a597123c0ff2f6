import { formatProblem } from '../corpus/article.js';
import type { Engine } from '../engine.js';
import type { RefreshReport } from '../engineStore.js';
import { displayDate } from './askView.js';
import { type BotMessage, embed, escapeText, message } from './responses.js';

const STATUS_COLOR = 0x5b8a72;
const PROBLEM_COLOR = 0xc0392b;
const MAX_LISTED = 15;

/** The corpus as everyone may see it: articles, totals, when the index was built. */
export function statusMessage(engine: Engine): BotMessage {
  const { articles, problems } = engine.corpus;
  const lines = articles
    .slice(0, MAX_LISTED)
    .map(
      (article) =>
        `• **${escapeText(article.title)}** — ${escapeText(article.publisher)}, ${displayDate(article.published)}, ${article.paragraphs.length} paragraphs`,
    );
  if (articles.length > MAX_LISTED) lines.push(`…and ${articles.length - MAX_LISTED} more`);
  return message({
    embeds: [
      embed({
        title: `Corpus: ${articles.length} article${articles.length === 1 ? '' : 's'}`,
        description: lines.join('\n') || 'No articles yet.',
        footer: `${engine.index.chunks.length} passages indexed · built ${engine.builtAt.toISOString()} in ${Math.round(engine.buildMs)} ms${problems.length > 0 ? ` · ${problems.length} file problem(s)` : ''}`,
        color: STATUS_COLOR,
      }),
    ],
  });
}

function listTitles(label: string, titles: readonly string[]): string {
  if (titles.length === 0) return '';
  const shown = titles.slice(0, 10).map((title) => `“${escapeText(title)}”`);
  return `**${label}:** ${shown.join(', ')}${titles.length > 10 ? ` and ${titles.length - 10} more` : ''}\n`;
}

/** What a refresh did, or exactly which file and line stopped it (the old index keeps serving). */
export function refreshMessage(report: RefreshReport): BotMessage {
  const problems = report.problems.map((problem) => `\`${formatProblem(problem).replace(/`/g, "'")}\``);
  const timing = `${Math.round(report.ms)} ms${report.waited ? ', after waiting for another refresh' : ''}`;
  if (report.status === 'rejected') {
    return message({
      embeds: [
        embed({
          title: 'Refresh stopped: the current corpus keeps serving',
          description: `Fix these and refresh again (or refresh with skip-invalid to load the valid files):\n${problems.join('\n')}`,
          footer: `Checked in ${timing}`,
          color: PROBLEM_COLOR,
        }),
      ],
      ephemeral: true,
    });
  }
  const changes =
    listTitles('Added', report.added) +
    listTitles('Changed', report.changed) +
    listTitles('Removed', report.removed);
  const skipped = problems.length > 0 ? `\n**Skipped (invalid):**\n${problems.join('\n')}` : '';
  return message({
    embeds: [
      embed({
        title: 'Corpus refreshed',
        description: `${changes || 'No article changed.\n'}Articles ${report.before.articles} → ${report.after.articles}, passages ${report.before.chunks} → ${report.after.chunks}.${skipped}`,
        footer: `Rebuilt in ${timing}`,
        color: STATUS_COLOR,
      }),
    ],
    ephemeral: true,
  });
}
