import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { formatProblem } from '../corpus/article.js';
import type { RefreshReport } from '../engineStore.js';
import type { LibraryView } from '../library/libraries.js';
import type { QuoteLibrary } from '../quotes/layeredQuotes.js';
import { displayDate } from '../text/displayDate.js';
import { count } from '../text/plural.js';
import { type BotMessage, customId, embed, escapeText, message } from './responses.js';

const STATUS_COLOR = 0x5b8a72;
const PROBLEM_COLOR = 0xc0392b;

export const STATUS_PAGE_SIZE = 10;
export const STATUS_PREFIX = 'corpus:status';

/**
 * The library as everyone here may see it: each article (title, publisher, date, paragraphs, quotes;
 * the server's own marked), totals, when the index was built, the archive and hidden counts.
 * Paginated by buttons past 10 articles.
 */
export function statusMessage(
  view: LibraryView,
  quotes: QuoteLibrary,
  archived: number,
  page = 0,
): BotMessage {
  const { articles, problems } = view;
  const pages = Math.max(1, Math.ceil(articles.length / STATUS_PAGE_SIZE));
  const quoteCounts = new Map<string, number>();
  for (const quote of quotes.listQuotes()) {
    quoteCounts.set(quote.articleId, (quoteCounts.get(quote.articleId) ?? 0) + 1);
  }
  const current = Math.min(Math.max(0, page), pages - 1);
  const lines = articles
    .slice(current * STATUS_PAGE_SIZE, (current + 1) * STATUS_PAGE_SIZE)
    .map((article) => {
      const body = article.paragraphs.filter((paragraph) => !paragraph.furniture).length;
      const quotes = quoteCounts.get(article.id) ?? 0;
      const own = view.ownIds.has(article.id) ? ' · this server' : '';
      return `• **${escapeText(article.title)}** — ${escapeText(article.publisher)}, ${displayDate(article.published)}, ${count(body, 'paragraph')}, ${count(quotes, 'quote')}${own}`;
    });
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Previous',
      custom_id: customId(STATUS_PREFIX, String(current - 1)),
      disabled: current === 0,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Next',
      custom_id: customId(STATUS_PREFIX, String(current + 1)),
      disabled: current >= pages - 1,
    },
  ];
  const footer = [
    count(view.index.passageCount, 'passage'),
    `index ${view.shared.corpus.fingerprint.slice(0, 12)} built ${view.builtAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    ...(view.ownIds.size > 0 ? [`${view.ownIds.size} of this server's own`] : []),
    ...(view.hidden.length > 0 ? [`${view.hidden.length} shared hidden here`] : []),
    `${archived} archived`,
    ...(problems.length > 0 ? [count(problems.length, 'file problem')] : []),
    ...(pages > 1 ? [`page ${current + 1} of ${pages}`] : []),
  ].join(' · ');
  return message({
    embeds: [
      embed({
        title: `Corpus: ${count(articles.length, 'article')}`,
        description: lines.join('\n') || 'No articles yet.',
        footer,
        color: STATUS_COLOR,
      }),
    ],
    ...(pages > 1 ? { components: [{ type: ComponentType.ActionRow, components: buttons }] } : {}),
  });
}

/** "Rebuilding the index… 400 of 1,000 articles", for long refreshes. */
export function progressMessage(done: number, total: number): BotMessage {
  return message({
    content: `Rebuilding the index… ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} articles`,
    ephemeral: true,
  });
}

function listTitles(label: string, titles: readonly string[]): string {
  if (titles.length === 0) return '';
  const shown = titles.slice(0, 10).map((title) => `“${escapeText(title)}”`);
  return `**${label}:** ${shown.join(', ')}${titles.length > 10 ? ` and ${titles.length - 10} more` : ''}\n`;
}

/** What a refresh did, or exactly which file and line stopped it (the old index keeps serving). */
export function refreshMessage(report: RefreshReport, summary = '', title = 'Corpus refreshed'): BotMessage {
  const problems = report.problems.map((problem) => `\`${formatProblem(problem).replace(/`/g, "'")}\``);
  const timing = `${Math.round(report.ms)} ms${report.waited ? ', after waiting for another refresh' : ''}`;
  if (report.status === 'rejected') {
    return message({
      embeds: [
        embed({
          title: 'Refresh stopped: the current corpus keeps serving',
          description: `${summary ? `${escapeText(summary)}\n` : ''}Fix these and refresh again (or refresh with skip-invalid to load the valid files):\n${problems.join('\n')}`,
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
        title,
        description: `${summary ? `${escapeText(summary)}\n` : ''}${changes || 'No article changed.\n'}Articles ${report.before.articles} → ${report.after.articles}, passages ${report.before.chunks} → ${report.after.chunks}.${skipped}`,
        footer: `Rebuilt in ${timing}`,
        color: STATUS_COLOR,
      }),
    ],
    ephemeral: true,
  });
}
