import type { Article } from '../corpus/article.js';
import { displayDate } from '../text/displayDate.js';
import { count } from '../text/plural.js';
import { type BotMessage, embed, escapeText, message } from './responses.js';

const HELP_COLOR = 0x3a6ea5;
const NEWEST_SHOWN = 3;

/**
 * /help: what Excerpt does and does not do, each command with an example, what the library here
 * holds, and where answers come from. Private and short.
 */
export function helpMessage(articles: readonly Article[]): BotMessage {
  const newest = [...articles]
    .sort((a, b) => b.published.localeCompare(a.published))
    .slice(0, NEWEST_SHOWN)
    .map(
      (article) =>
        `• ${escapeText(article.title)} (${escapeText(article.publisher)}, ${displayDate(article.published)})`,
    );
  const library =
    articles.length === 0
      ? 'No articles here yet: a moderator adds one with `/library add`.'
      : [
          `${count(articles.length, 'article')} here, newest:`,
          ...newest,
          'All of them: `/corpus status`.',
        ].join('\n');
  const description = [
    'Excerpt answers from the news articles in this server’s library, in the articles’ own words: every answer is a cited passage, or “the articles don’t say”. It never writes an answer of its own, and knows nothing beyond these articles.',
    '',
    '**Commands**',
    '`/ask` — a question: `/ask question: when will putin and trump meet` (add `article:` to ask one article only); `/ask question: tldr` shows how each article opens',
    '`/quote` — what someone actually said: `/quote text: ready for a meeting speaker: Putin`',
    '**Check quote** — right-click a message → Apps: is the quote in it real, altered or misattributed?',
    '**Find in articles** — right-click a message → Apps: the passages about what it says',
    '`/corpus status` — the articles loaded here',
    '`/library` — moderators: add an article by URL, remove, restore, refresh',
    '',
    '**This library**',
    library,
  ].join('\n');
  return message({
    embeds: [embed({ title: 'Excerpt: cited answers from the news', description, color: HELP_COLOR })],
    ephemeral: true,
  });
}
