import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { paragraphLabel } from '../answer/citation.js';
import { explainAbstention, explainMatch, explainReading } from '../answer/explain.js';
import type { Answer, Excerpt } from '../answer/types.js';
import { displayDate } from '../text/displayDate.js';
import { type BotMessage, boldRanges, customId, embed, escapeText, message, notice } from './responses.js';

const EXCERPT_COLOR = 0x3b6ea5;
export const MORE_RESULTS_PREFIX = 'ask:more';
export const POST_PREFIX = 'ask:post';

/** The one article an answer was asked of: its title, and the token its buttons carry. */
export interface ArticleScope {
  readonly title: string;
  readonly token: string;
}

function excerptEmbed(excerpt: Excerpt, position: number, total: number, openings: boolean) {
  return embed({
    title: excerpt.title,
    url: excerpt.link,
    author: `${excerpt.publisher} · ${displayDate(excerpt.published)}`,
    description: boldRanges(excerpt.text, excerpt.highlights),
    // An article's opening ("what is it about?") matched nothing: it is one of the library's articles.
    footer: openings
      ? `${paragraphLabel(excerpt.paragraphs)} · article ${position} of ${total}${total > 1 ? ', newest first' : ''}`
      : `${paragraphLabel(excerpt.paragraphs)} · passage ${position} of ${total} matching`,
    color: EXCERPT_COLOR,
  });
}

/** What a button carries: the offset, then `~` and the article's token when asked of one article. */
function where(offset: number, article: ArticleScope | undefined): string {
  return article ? `${offset}~${article.token}` : String(offset);
}

/** The "More results" button; its custom_id carries the next offset and the compact question. */
function moreResultsButton(nextOffset: number, compact: string, article?: ArticleScope): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: 'More results',
    custom_id: customId(MORE_RESULTS_PREFIX, where(nextOffset, article), compact),
  };
}

/** "Post to channel" under a private answer: its custom_id carries the page's offset and the question. */
function postButton(offset: number, compact: string, article?: ArticleScope): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: 'Post to channel',
    custom_id: customId(POST_PREFIX, where(offset, article), compact),
  };
}

/** What a "More results" or "Post to channel" button asks again. */
export interface AskButton {
  readonly post: boolean;
  readonly offset: number;
  readonly question: string;
  /** The token of the one article asked of, if it was (see articleToken). */
  readonly article?: string;
}

/** Reads a "More results" or "Post to channel" custom_id back (buttons from before `~` included). */
export function parseAskButton(id: string): AskButton | undefined {
  const match = /^ask:(more|post):(\d{1,4})(?:~([\w-]{1,20}))?:(.*)$/s.exec(id);
  if (!match?.[2]) return undefined;
  const [, kind, offset, article, question] = match;
  return {
    post: kind === 'post',
    offset: Number(offset),
    question: question ?? '',
    ...(article === undefined ? {} : { article }),
  };
}

/**
 * An answer as a Discord message: an embed per excerpt (title linked to the cited passage, matched
 * words in bold, publisher and date, paragraph numbers) and a "More results" button when more match.
 * An abstention is a short, kind, ephemeral note naming what the corpus does not mention.
 */
export function askMessage(
  answer: Answer,
  options: { ephemeral: boolean; compact: string; sharedBy?: string; article?: ArticleScope },
): BotMessage {
  const { article } = options;
  const asked = article ? { article: article.title } : {};
  if (!answer.answered) {
    const all =
      answer.reason === 'small-talk'
        ? answer.talk === 'identity'
          ? ' /help lists the commands.'
          : ''
        : answer.reason !== 'not-in-corpus'
          ? ''
          : article
            ? ' Leave “article” out to ask every article.'
            : ' /corpus status lists every article.';
    return notice(`${explainAbstention(answer, asked)}${all}`);
  }
  const shown = answer.offset + answer.excerpts.length;
  const intro =
    answer.offset === 0
      ? `**${escapeText(answer.question.length > 200 ? `${answer.question.slice(0, 200)}…` : answer.question)}**`
      : `More passages for **${escapeText(options.compact)}**`;
  const hedge = explainMatch(answer, asked);
  // Small print under the question, so the channel sees the answer was sought in one article only,
  // and how the question was read where that differs from what was typed.
  const scope = article ? `\n-# Asked of “${escapeText(article.title)}” only` : '';
  const reading = explainReading(answer);
  const read = reading && answer.offset === 0 ? `\n-# ${escapeText(reading)}` : '';
  // Posted from a private answer: under the name of whoever shared it (a mention that pings no one).
  const shared = options.sharedBy ? `<@${options.sharedBy}> shared: ` : '';
  const buttons = [
    ...(shown < answer.total ? [moreResultsButton(shown, options.compact, article)] : []),
    ...(options.ephemeral ? [postButton(answer.offset, options.compact, article)] : []),
  ];
  return message({
    content: `${shared}${intro}${scope}${read}${hedge ? `\n${escapeText(hedge)}` : ''}`,
    embeds: answer.excerpts.map((excerpt, i) =>
      excerptEmbed(excerpt, answer.offset + i + 1, answer.total, answer.about !== undefined),
    ),
    ...(buttons.length > 0 ? { components: [{ type: ComponentType.ActionRow, components: buttons }] } : {}),
    ephemeral: options.ephemeral,
  });
}
