import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { paragraphLabel } from '../answer/citation.js';
import { choiceValue } from '../quotes/quoteIndex.js';
import type { Quote, QuoteSearchResult } from '../quotes/types.js';
import { type BotMessage, customId, embed, escapeText, message, notice } from './responses.js';

const QUOTE_COLOR = 0x8e6c3a;
const SHOWN = 3;

/** The quote as a block quote, then "— Speaker, [Article title ¶n](link)". */
function quoteEmbed(quote: Quote) {
  const body = quote.text
    .split('\n')
    .map((line) => `> ${escapeText(line)}`)
    .join('\n');
  const speaker = quote.speaker === 'unattributed' ? 'unattributed' : `**${escapeText(quote.speaker)}**`;
  const title = escapeText(quote.title).replace(/[[\]]/g, '');
  return embed({
    description: `${body}\n— ${speaker}, [${title} ${paragraphLabel(quote.paragraphs)}](${quote.link})`,
    footer: `${quote.publisher} · ${quote.published}`,
    color: QUOTE_COLOR,
  });
}

function listSpeakers(names: readonly string[] | undefined): string {
  const shown = (names ?? []).slice(0, 10);
  return shown.length > 0 ? ` It quotes ${shown.join(', ')}${(names?.length ?? 0) > 10 ? ', …' : ''}.` : '';
}

export const POST_QUOTE_PREFIX = 'quote:post';

/** "Post to channel" under a private /quote: posts its best quote for everyone. */
function postQuoteRow(quote: Quote): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: 'Post to channel',
        custom_id: customId(POST_QUOTE_PREFIX, choiceValue(quote)),
      },
    ],
  };
}

/**
 * A quote search as a Discord message: the verbatim quotes with who said them and where; when nothing
 * matches, a private note that says so and offers the closest quotes or the speakers the corpus has.
 */
export function quoteMessage(
  result: QuoteSearchResult,
  options: { ephemeral?: boolean; sharedBy?: string } = {},
): BotMessage {
  switch (result.status) {
    case 'found': {
      const shown = result.results.slice(0, SHOWN);
      const more = result.total > SHOWN ? `${result.total} quotes match; the best ${SHOWN}:` : '';
      // Posted from a private answer: under the name of whoever shared it (a mention that pings no one).
      const shared = options.sharedBy ? `<@${options.sharedBy}> shared:` : '';
      const content = [shared, more].filter((part) => part !== '').join(' ');
      const [best] = shown;
      return message({
        ...(content ? { content } : {}),
        embeds: shown.map(quoteEmbed),
        ...(options.ephemeral && best ? { components: [postQuoteRow(best)], ephemeral: true } : {}),
      });
    }
    case 'unknown-speaker':
      return notice(
        `The corpus has no quotes from “${result.speaker ?? ''}”.${listSpeakers(result.knownSpeakers)}`,
      );
    case 'empty-query':
      return notice(`Type some words of the quote, or pick a speaker.${listSpeakers(result.knownSpeakers)}`);
    case 'no-match': {
      const who = result.speaker ? ` from ${result.speaker}` : '';
      const intro = `No quote${who} matches “${result.query}”.${result.suggestions.length > 0 ? ' The closest:' : ''}`;
      return message({
        content: escapeText(intro),
        embeds: result.suggestions.slice(0, SHOWN).map(quoteEmbed),
        ephemeral: true,
      });
    }
  }
}
