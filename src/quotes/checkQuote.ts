import { diffArrays } from 'diff';
import { distance } from 'fastest-levenshtein';
import { withoutChatMarkup } from '../text/chatMarkup.js';
import type { QuoteLibrary } from './layeredQuotes.js';
import { findQuoteMarks } from './quoteMarks.js';
import { allowedTypos, quoteWordSpans, type WordSpan } from './quoteWords.js';
import { aliasKey } from './speakerRegistry.js';
import type { Quote } from './types.js';

// Checks a quote someone posted in chat against the articles: finds each quotation in the message,
// the real quote it comes from, and says whether it is word for word, altered, put in someone else's
// mouth, or not in the articles at all. Plain data: Discord and the command line render it.

export type QuoteVerdict = 'verbatim' | 'altered' | 'misattributed' | 'not-found';

/** One way the message's wording differs from the source's. */
export interface Difference {
  /**
   * `changed`: the source's words replaced; `dropped`: left out; `added`: not in the source; `moved`:
   * the source's words, put elsewhere in the quote.
   */
  readonly kind: 'changed' | 'dropped' | 'added' | 'moved';
  /** The source's words (empty when added). */
  readonly source: string;
  /** The message's words (empty when dropped). */
  readonly message: string;
}

export interface QuoteCheck {
  readonly verdict: QuoteVerdict;
  /** The quotation as the message has it. */
  readonly claimed: string;
  /** Whom the message says said it, as written; null when it names no one. */
  readonly claimedSpeaker: string | null;
  /** The closest real quote; null when nothing is close. */
  readonly source: Quote | null;
  /** The part of the source quote the message's words correspond to, exactly as the article has it. */
  readonly matched: string | null;
  readonly differences: readonly Difference[];
}

export interface CheckOptions {
  /** Quotations checked per message, in order; the rest are left out. */
  readonly maxQuotes: number;
  /** Source quotes aligned word by word with each quotation (the quote search's best). */
  readonly candidates: number;
  /** Share of the quotation's words, and of the source passage's, that must be shared to be "altered". */
  readonly minShared: number;
  readonly maxMessageChars: number;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  maxQuotes: 5,
  candidates: 8,
  minShared: 0.5,
  maxMessageChars: 4000,
};

// Share of a chunk's words the source must have elsewhere, in order, for the chunk to count as moved.
const MOVED_SHARE = 0.6;
// Fewer words than this in quotation marks is a word being quoted ("so-called 'peace'"), not a quote.
const MIN_QUOTE_WORDS = 3;
// Words that stand for a speaker without naming one: "he said" claims nobody in particular.
const NOT_A_NAME = new Set(
  'he she they i you we it someone somebody everyone nobody article story report who which that this'.split(
    ' ',
  ),
);
const SAYING =
  /\b([\p{L}][\p{L}'’.-]*)\s+(?:said|says|saying|told|tells|claimed|claims|stated|states|tweeted|wrote|writes|posted|added|insisted|declared)\b/giu;
const ACCORDING_TO = /\baccording to\s+([\p{L}][\p{L}'’.-]*)/giu;
// "biden: “…”" and "“…” — biden" (the quotation stands where the ellipsis is).
const INTRODUCED = /([\p{L}][\p{L}'’.-]*)\s*[:—–-]\s*…/gu;
const SIGNED = /…\s*[—–-]+\s*([\p{L}][\p{L}'’.-]*)/gu;

/**
 * The verdict for each quotation in a chat message (straight, curly or single quotation marks, a
 * `>` quote line, or the whole message when it has none). Never throws, whatever the message.
 */
export function checkMessage(
  quotes: QuoteLibrary,
  message: string,
  options: Partial<CheckOptions> = {},
): QuoteCheck[] {
  const settings = { ...DEFAULT_CHECK_OPTIONS, ...options };
  const text = withoutMarkdown(message.slice(0, settings.maxMessageChars));
  const found = quotationsIn(text);
  const quotations = found.length > 0 ? found : [{ start: 0, end: text.length, marked: false }];
  return quotations.slice(0, settings.maxQuotes).map(({ start, end, marked }, i) => {
    // Who said it is read between the quotations before and after this one, without its own marks
    // ("biden: “…”" reads as "biden: …"): "putin said “…” and trump said “…”" names one each.
    const from = (quotations[i - 1]?.end ?? -1) + 1;
    const to = Math.max(end + 1, (quotations[i + 1]?.start ?? text.length + 1) - 1);
    const around = `${text.slice(from, Math.max(from, start - 1))} … ${text.slice(end + 1, to)}`;
    return checkQuotation(quotes, text.slice(start, end), marked ? around : '', settings);
  });
}

/** Discord markup that is not part of anyone's words: emphasis, code, spoilers, mentions, emoji. */
function withoutMarkdown(message: string): string {
  return withoutChatMarkup(message)
    .replace(/(\*\*|__|~~|\|\||`+)/gu, '')
    .replace(/(^|\s)[*_](?=\S)|(?<=\S)[*_](?=\s|$)/gu, '$1')
    .replace(/^>>?>?\s?/gmu, '› ');
}

interface Quotation {
  readonly start: number;
  readonly end: number;
  /** In quotation marks (or a quote line): the rest of the message may say who said it. */
  readonly marked: boolean;
}

/** The quoted passages of the message: between matching marks, or on `>` quote lines. */
function quotationsIn(text: string): Quotation[] {
  const found: Quotation[] = [];
  const marks = findQuoteMarks(text);
  for (let i = 0; i < marks.length; i++) {
    const open = marks[i];
    if (!open?.canOpen) continue;
    const close = marks.slice(i + 1).find((mark) => mark.kind === open.kind && mark.canClose);
    if (!close) continue;
    const start = open.index + 1;
    if (quoteWordSpans(text.slice(start, close.index)).length >= MIN_QUOTE_WORDS)
      found.push({ start, end: close.index, marked: true });
    i = marks.indexOf(close);
  }
  if (found.length > 0) return found;
  for (const line of text.matchAll(/^› (.+)$/gmu)) {
    const start = (line.index ?? 0) + 2;
    found.push({ start, end: start + (line[1]?.length ?? 0), marked: true });
  }
  return found;
}

/** One quotation against the closest real quotes. */
function checkQuotation(
  quotes: QuoteLibrary,
  claimedText: string,
  around: string,
  settings: CheckOptions,
): QuoteCheck {
  const claimed = quoteWordSpans(claimedText);
  const best = candidatesFor(quotes, claimedText, settings.candidates)
    .map((quote) => {
      const alignment = align(claimed, claimedText, quoteWordSpans(quote.text), quote.text, around !== '');
      return { quote, alignment };
    })
    .sort((a, b) => fitness(b.alignment) - fitness(a.alignment))[0];
  // Without quotation marks the message's own words around the quote ("putin said …") are trimmed
  // off by the alignment, and may name the speaker.
  const trimmed = around === '' ? best?.alignment : undefined;
  const quoted = trimmed ? claimedText.slice(trimmed.claimedStart, trimmed.claimedEnd) : claimedText;
  const claimedSpeaker = speakerNamed(
    quotes,
    trimmed
      ? `${claimedText.slice(0, trimmed.claimedStart)} … ${claimedText.slice(trimmed.claimedEnd)}`
      : around,
  );
  const words = best?.alignment.claimedWords ?? claimed.length;
  const close =
    best !== undefined &&
    best.alignment.shared >= Math.min(MIN_QUOTE_WORDS, words) &&
    (best.alignment.shared + best.alignment.moved) / Math.max(1, words) >= settings.minShared &&
    best.alignment.similarity >= settings.minShared;
  if (!best || !close)
    return {
      verdict: 'not-found',
      claimed: quoted.trim(),
      claimedSpeaker: claimedSpeaker?.name ?? null,
      source: null,
      matched: null,
      differences: [],
    };
  const { quote, alignment } = best;
  const wrongSpeaker =
    claimedSpeaker !== undefined && quote.speaker !== 'unattributed' && !claimedSpeaker.is(quote.speaker);
  const verdict: QuoteVerdict = wrongSpeaker
    ? 'misattributed'
    : alignment.differences.length === 0
      ? 'verbatim'
      : 'altered';
  return {
    verdict,
    claimed: quoted.trim(),
    claimedSpeaker: claimedSpeaker?.name ?? null,
    source: quote,
    matched: alignment.matched,
    differences: alignment.differences,
  };
}

/**
 * A quotation in marks is all quote: its words before and after the passage aligned are added to
 * it, or moved within it when the source has them elsewhere ("if he wants it, I will be ready").
 */
function wholeQuotation(
  alignment: Alignment,
  claimed: readonly WordSpan[],
  claimedText: string,
  sourceNorms: readonly string[],
): Alignment {
  const before = claimed.slice(0, alignment.claimedFirst);
  const after = claimed.slice(alignment.claimedLast + 1);
  if (alignment.shared === 0 || (before.length === 0 && after.length === 0)) return alignment;
  let moved = 0;
  const outside = (words: readonly WordSpan[]): Difference[] => {
    if (words.length === 0) return [];
    const message = claimedText.slice(words[0]?.start ?? 0, words.at(-1)?.end ?? 0);
    // Moved when most of its words stand, in order, elsewhere in the source quote.
    const inSource = diffArrays(
      words.map((word) => word.norm),
      [...sourceNorms],
    ).reduce((sum, part) => sum + (part.added || part.removed ? 0 : (part.count ?? part.value.length)), 0);
    const isMoved = inSource >= MOVED_SHARE * words.length;
    if (isMoved) moved += inSource;
    return [{ kind: isMoved ? 'moved' : 'added', source: isMoved ? message : '', message }];
  };
  const differences = [...outside(before), ...alignment.differences, ...outside(after)];
  return {
    ...alignment,
    moved,
    claimedWords: claimed.length,
    // Moved words are the source's own: a quote with its clauses swapped is altered, not invented.
    similarity: (alignment.shared + moved) / Math.max(claimed.length, alignment.sourceWords + moved),
    claimedFirst: 0,
    claimedLast: claimed.length - 1,
    claimedStart: claimed[0]?.start ?? 0,
    claimedEnd: claimed.at(-1)?.end ?? 0,
    differences,
  };
}

/**
 * The quotes worth aligning: the quote search's best for these words and the quotes sharing most of
 * them (the same words can stand in a headline's short quote and in the long quote it comes from).
 */
function candidatesFor(quotes: QuoteLibrary, text: string, limit: number): Quote[] {
  const result = quotes.searchQuotes({ text }, { limit });
  const closest = quotes.matcher
    .closest(text, undefined, limit)
    .flatMap((index) => quotes.quoteAt(index) ?? []);
  const byId = new Map<string, Quote>();
  for (const quote of [...result.results, ...result.suggestions, ...closest]) byId.set(quote.id, quote);
  return [...byId.values()];
}

interface Alignment {
  /** Words the message and the source have in common, in order. */
  readonly shared: number;
  /** Words of the source the message has in another place (see wholeQuotation). */
  readonly moved: number;
  /** Shared words over the longer of the quotation and the source passage it matches. */
  readonly similarity: number;
  /** Words of the quotation proper (the message's own words around it trimmed when unmarked). */
  readonly claimedWords: number;
  /** The first and last word of the quotation the alignment covers (its words before and after are the message's). */
  readonly claimedFirst: number;
  readonly claimedLast: number;
  readonly claimedStart: number;
  readonly claimedEnd: number;
  /** Words of the source passage matched. */
  readonly sourceWords: number;
  readonly matched: string;
  readonly differences: Difference[];
}

/**
 * How well an alignment fits: words shared in place, half for those moved, less half of every word
 * that differs, so that a compact passage beats common words ("I", "will", "it") paired far apart,
 * and a quote in its own order beats the same words read as moved around one of them.
 */
function fitness(alignment: Alignment): number {
  const { shared, moved } = alignment;
  const unmatched = alignment.sourceWords - shared + (alignment.claimedWords - shared - moved);
  return shared + moved / 2 - unmatched / 2;
}

/**
 * The best word-by-word alignment of the quotation with a passage of the source quote: each window
 * of the source about the quotation's length is aligned (see alignWindow) and the one sharing the
 * most words, most compactly, wins. A longest common subsequence over the whole quote would pair
 * stray common words ("I", "the") far from the passage quoted.
 */
function align(
  claimed: readonly WordSpan[],
  claimedText: string,
  source: readonly WordSpan[],
  sourceText: string,
  marked: boolean,
): Alignment {
  const length = claimed.length + Math.ceil(claimed.length / 2);
  const words = { claimed: claimed.map((word) => word.norm), source: source.map((word) => word.norm) };
  const windowAt = (start: number) => {
    const aligned = alignWindow(claimed, claimedText, source, sourceText, words, start, length);
    return marked ? wholeQuotation(aligned, claimed, claimedText, words.source) : aligned;
  };
  let best = windowAt(0);
  for (let start = 1; start + claimed.length / 2 < source.length; start++) {
    const window = windowAt(start);
    if (fitness(window) > fitness(best)) best = window;
  }
  return best;
}

/**
 * Word-by-word alignment (the `diff` package's longest common subsequence) of the quotation with the
 * source words from `start`, at most `length` of them. A fragment of a longer quote is not "dropping"
 * the rest: source words before the first and after the last shared word are left out of the
 * comparison, and so are the message's own words before and after the quote.
 */
function alignWindow(
  claimed: readonly WordSpan[],
  claimedText: string,
  source: readonly WordSpan[],
  sourceText: string,
  words: { readonly claimed: readonly string[]; readonly source: readonly string[] },
  start: number,
  length: number,
): Alignment {
  const parts = diffArrays([...words.claimed], words.source.slice(start, start + length));
  // Positions in each word list as the parts go by.
  let c = 0;
  let s = start;
  const runs: { kind: 'same' | 'message' | 'source'; c: number; s: number; count: number }[] = [];
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    const kind = part.added ? 'source' : part.removed ? 'message' : 'same';
    runs.push({ kind, c, s, count });
    if (kind !== 'source') c += count;
    if (kind !== 'message') s += count;
  }
  const sameRuns = runs.filter((run) => run.kind === 'same');
  const first = sameRuns[0];
  const last = sameRuns.at(-1);
  if (!first || !last)
    return {
      shared: 0,
      moved: 0,
      similarity: 0,
      claimedWords: claimed.length,
      claimedFirst: 0,
      claimedLast: claimed.length - 1,
      sourceWords: 0,
      claimedStart: 0,
      claimedEnd: claimed.at(-1)?.end ?? 0,
      matched: '',
      differences: [],
    };
  const shared = sameRuns.reduce((sum, run) => sum + run.count, 0);
  const inside = runs.slice(runs.indexOf(first), runs.indexOf(last) + 1);
  const claimedFirst = first.c;
  const claimedLast = last.c + last.count - 1;
  const sourceFirst = first.s;
  const sourceLast = last.s + last.count - 1;
  const claimedWords = claimedLast - claimedFirst + 1;
  const sourceWords = sourceLast - sourceFirst + 1;
  const differences: Difference[] = [];
  const wordsOf = (list: readonly WordSpan[], text: string, from: number, count: number) =>
    count === 0 ? '' : text.slice(list[from]?.start ?? 0, list[from + count - 1]?.end ?? 0);
  for (let i = 0; i < inside.length; i++) {
    const run = inside[i];
    if (!run || run.kind === 'same') continue;
    const next = inside[i + 1];
    // A removal next to an addition is one change ("ready" → "prepared").
    if (next && next.kind !== 'same' && next.kind !== run.kind) {
      const fromMessage = run.kind === 'message' ? run : next;
      const fromSource = run.kind === 'source' ? run : next;
      differences.push({
        kind: 'changed',
        source: wordsOf(source, sourceText, fromSource.s, fromSource.count),
        message: wordsOf(claimed, claimedText, fromMessage.c, fromMessage.count),
      });
      i++;
      continue;
    }
    differences.push(
      run.kind === 'source'
        ? { kind: 'dropped', source: wordsOf(source, sourceText, run.s, run.count), message: '' }
        : { kind: 'added', source: '', message: wordsOf(claimed, claimedText, run.c, run.count) },
    );
  }
  return {
    shared,
    moved: 0,
    similarity: shared / Math.max(claimedWords, sourceWords),
    claimedWords,
    claimedFirst,
    claimedLast,
    sourceWords,
    claimedStart: claimed[claimedFirst]?.start ?? 0,
    claimedEnd: claimed[claimedLast]?.end ?? 0,
    matched: wordsOf(source, sourceText, sourceFirst, sourceWords),
    differences,
  };
}

/** The person the message says said it, if it names one; `is` tells whether that is the source's speaker. */
function speakerNamed(
  quotes: QuoteLibrary,
  text: string,
): { name: string; is: (speaker: string) => boolean } | undefined {
  const key = ` ${aliasKey(text)} `;
  const tokens = key.trim().split(/\s+/u);
  // A speaker the articles know, by any name they use ("Putin", "the Russian president"), a
  // one-word name also misspelt ("zelensky" for "Zelenskyy").
  const at = (alias: string): number => {
    const exact = key.indexOf(` ${alias} `);
    if (exact >= 0 || alias.includes(' ')) return exact;
    const typos = allowedTypos(alias.length);
    const near = tokens.findIndex((token) => typos > 0 && distance(token, alias) <= typos);
    return near < 0 ? -1 : key.indexOf(` ${tokens[near]} `);
  };
  const known = quotes
    .speakers()
    .flatMap((speaker) => speaker.aliases.map((alias) => ({ speaker, alias: aliasKey(alias) })))
    .filter(({ alias }) => alias.length >= 3)
    .map((entry) => ({ ...entry, at: at(entry.alias) }))
    .filter((entry) => entry.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (known.length > 0) {
    const names = new Set(known.map(({ speaker }) => speaker.name));
    const first = known[0]?.speaker.name ?? '';
    // Named together with the real speaker ("putin told trump …"), the message may be right.
    return { name: first, is: (speaker) => names.has(speaker) };
  }
  // Someone the articles never quote: "biden said …", "according to cnn …".
  for (const pattern of [SAYING, ACCORDING_TO, INTRODUCED, SIGNED]) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1] ?? '';
      if (!NOT_A_NAME.has(name.toLowerCase())) return { name, is: () => false };
    }
  }
  return undefined;
}
