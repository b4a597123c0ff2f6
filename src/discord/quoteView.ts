import { paragraphLabel } from '../answer/citation.js';
import type { Quote, QuoteSearchResult } from '../quotes/types.js';
import { type BotMessage, embed, escapeText, message, notice } from './responses.js';

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

/**
 * A quote search as a Discord message: the verbatim quotes with who said them and where; when nothing
 * matches, a private note that says so and offers the closest quotes or the speakers the corpus has.
 */
export function quoteMessage(result: QuoteSearchResult): BotMessage {
  switch (result.status) {
    case 'found': {
      const more = result.total > SHOWN ? `${result.total} quotes match; the best ${SHOWN}:` : undefined;
      return message({
        ...(more ? { content: more } : {}),
        embeds: result.results.slice(0, SHOWN).map(quoteEmbed),
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
