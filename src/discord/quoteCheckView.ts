import { paragraphLabel } from '../answer/citation.js';
import type { Difference, QuoteCheck, QuoteVerdict } from '../quotes/checkQuote.js';
import { type BotMessage, embed, escapeText, message } from './responses.js';

// A quote check as Discord shows it: the verdict first, then the source's exact words with what the
// message changed marked, who said them, and where (article, paragraph, text-fragment link).

const VERDICTS: Record<QuoteVerdict, { title: string; color: number }> = {
  verbatim: { title: '✅ Verbatim: the article has these words', color: 0x2e7d32 },
  altered: { title: '⚠️ Altered: close to a real quote, but not its words', color: 0xf9a825 },
  misattributed: { title: '❌ Misattributed: the words are real, the speaker is not', color: 0xc62828 },
  'not-found': { title: '❓ Not found in the articles', color: 0x757575 },
};

/** The source's words, with the words the message changed or left out struck through. */
function markedSource(check: QuoteCheck): string {
  let text = escapeText(check.matched ?? check.source?.text ?? '');
  for (const difference of check.differences) {
    if (difference.kind !== 'changed' && difference.kind !== 'dropped') continue;
    const words = escapeText(difference.source);
    if (words !== '') text = text.replace(words, `~~${words}~~`);
  }
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function describe(difference: Difference): string {
  const source = `“${escapeText(difference.source)}”`;
  const said = `“${escapeText(difference.message)}”`;
  switch (difference.kind) {
    case 'changed':
      return `${source} became ${said}`;
    case 'dropped':
      return `${source} left out`;
    case 'added':
      return `${said} added`;
    case 'moved':
      return `${said} moved`;
    default:
      return difference.kind satisfies never;
  }
}

function checkEmbed(check: QuoteCheck) {
  const { title, color } = VERDICTS[check.verdict];
  const claimed = `Message: “${escapeText(check.claimed)}”${check.claimedSpeaker ? ` — ${escapeText(check.claimedSpeaker)}` : ''}`;
  const source = check.source;
  if (!source)
    return embed({
      title,
      description: `${claimed}\nNo one in the articles is quoted saying this. Try /quote with a few of its words.`,
      color,
    });
  const speaker = source.speaker === 'unattributed' ? 'unattributed' : `**${escapeText(source.speaker)}**`;
  const where = `[${escapeText(source.title).replace(/[[\]]/g, '')} ${paragraphLabel(source.paragraphs)}](${source.link})`;
  const lines = [claimed, '', markedSource(check), `— ${speaker}, ${where}`];
  if (check.verdict === 'misattributed' && check.claimedSpeaker)
    lines.push(
      '',
      `The message says ${escapeText(check.claimedSpeaker)}; the article says ${escapeText(source.speaker)}.`,
    );
  if (check.differences.length > 0)
    lines.push('', `Differences: ${check.differences.slice(0, 8).map(describe).join('; ')}`);
  return embed({
    title,
    description: lines.join('\n'),
    footer: `${source.publisher} · ${source.published}`,
    color,
  });
}

/**
 * The verdict for each quotation of a message, one embed each (public: it settles the argument where
 * it happens); a message with no words gets a private note.
 */
export function quoteCheckMessage(checks: readonly QuoteCheck[]): BotMessage {
  if (checks.length === 0 || checks.every((check) => check.claimed === ''))
    return message({ content: 'That message has no words to check.', ephemeral: true });
  return message({ embeds: checks.map(checkEmbed) });
}
