import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { paragraphLabel } from '../answer/citation.js';
import { explainAbstention, explainMatch } from '../answer/explain.js';
import type { Answer, Excerpt } from '../answer/types.js';
import { type BotMessage, boldRanges, customId, embed, escapeText, message, notice } from './responses.js';

const EXCERPT_COLOR = 0x3b6ea5;
export const MORE_RESULTS_PREFIX = 'ask:more';

/** "19 December 2024" from an ISO date. */
export function displayDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function excerptEmbed(excerpt: Excerpt, position: number, total: number) {
  return embed({
    title: excerpt.title,
    url: excerpt.link,
    author: `${excerpt.publisher} · ${displayDate(excerpt.published)}`,
    description: boldRanges(excerpt.text, excerpt.highlights),
    footer: `${paragraphLabel(excerpt.paragraphs)} · passage ${position} of ${total} matching`,
    color: EXCERPT_COLOR,
  });
}

/** The "More results" button; its custom_id carries the next offset and the compact question. */
export function moreResultsButton(
  nextOffset: number,
  compact: string,
): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'More results',
        custom_id: customId(MORE_RESULTS_PREFIX, String(nextOffset), compact),
      },
    ],
  };
}

/** Reads a "More results" custom_id back: the offset to show and the question to answer. */
export function parseMoreResults(id: string): { offset: number; question: string } | undefined {
  const match = /^ask:more:(\d{1,4}):(.*)$/s.exec(id);
  if (!match?.[1]) return undefined;
  return { offset: Number(match[1]), question: match[2] ?? '' };
}

/**
 * An answer as a Discord message: an embed per excerpt (title linked to the cited passage, matched
 * words in bold, publisher and date, paragraph numbers) and a "More results" button when more match.
 * An abstention is a short, kind, ephemeral note naming what the corpus does not mention.
 */
export function askMessage(answer: Answer, options: { ephemeral: boolean; compact: string }): BotMessage {
  if (!answer.answered) {
    const all = answer.reason === 'not-in-corpus' ? ' /corpus status lists every article.' : '';
    return notice(`${explainAbstention(answer)}${all}`);
  }
  const shown = answer.offset + answer.excerpts.length;
  const intro =
    answer.offset === 0
      ? `**${escapeText(answer.question.length > 200 ? `${answer.question.slice(0, 200)}…` : answer.question)}**`
      : `More passages for **${escapeText(options.compact)}**`;
  const hedge = explainMatch(answer);
  return message({
    content: hedge ? `${intro}\n${escapeText(hedge)}` : intro,
    embeds: answer.excerpts.map((excerpt, i) => excerptEmbed(excerpt, answer.offset + i + 1, answer.total)),
    ...(shown < answer.total ? { components: [moreResultsButton(shown, options.compact)] } : {}),
    ephemeral: options.ephemeral,
  });
}
