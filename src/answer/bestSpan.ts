import type { Sentence } from '../search/chunk.js';

export interface SentenceRange {
  readonly first: number;
  readonly last: number;
}

/**
 * The run of consecutive sentences, overlapping `window` and at most `context` sentences beyond it,
 * that fits in `maxChars` (a single sentence always qualifies) and carries the most sentence score:
 * mostly their sum, partly the best one. On a tie the longer run wins, so the answer keeps its
 * context, but a run never ends in a sentence that matches nothing from another paragraph.
 */
export function bestSpan(
  sentences: readonly Sentence[],
  window: SentenceRange,
  context: number,
  score: (index: number) => number,
  maxChars: number,
): SentenceRange {
  const low = Math.max(0, window.first - context);
  const high = Math.min(sentences.length - 1, window.last + context);
  let best: SentenceRange = { first: window.first, last: window.first };
  let bestValue = -1;
  let bestLength = -1;
  for (let first = low; first <= Math.min(high, window.last); first++) {
    let length = -1;
    let sum = 0;
    let max = 0;
    for (let last = first; last <= high; last++) {
      length += (sentences[last]?.text.length ?? 0) + 1;
      if (last > first && length > maxChars) break;
      const value = score(last);
      sum += value;
      max = Math.max(max, value);
      if (last < window.first || !endsInContext(sentences, first, last, score)) continue;
      const total = 0.7 * sum + 0.3 * max;
      if (total > bestValue + 1e-9 || (Math.abs(total - bestValue) <= 1e-9 && length > bestLength)) {
        best = { first, last };
        bestValue = total;
        bestLength = length;
      }
    }
  }
  return best;
}

/** True unless an end of the run is a sentence without matches from a paragraph with none. */
function endsInContext(
  sentences: readonly Sentence[],
  first: number,
  last: number,
  score: (index: number) => number,
): boolean {
  return (
    endInContext(sentences, first, last, first, score) && endInContext(sentences, first, last, last, score)
  );
}

/** Whether sentence `end` matches, or another in [first, last] of its paragraph does. No closure: bestSpan asks for every span it weighs. */
function endInContext(
  sentences: readonly Sentence[],
  first: number,
  last: number,
  end: number,
  score: (index: number) => number,
): boolean {
  if (score(end) > 0) return true;
  const paragraph = sentences[end]?.paragraph;
  if (paragraph === undefined) return false;
  for (let i = first; i <= last; i++) if (sentences[i]?.paragraph === paragraph && score(i) > 0) return true;
  return false;
}

// A run that opens on a pronoun ("He continued: …", "His answer comes as…"), or on a quotation whose
// sentence names nobody ("“Movement is going on…”", "“…,” he said"), takes in up to this many
// sentences before it, to the nearest that names someone, when the whole still fits: a reader sees
// whose words they are. The quotation rule (fifteenth session): one more dev answer direct ("What
// does Putin say Russian fighters are taking every day?"), nothing else moved. Pronouns were measured
// (fourteenth session): one more dev answer direct ("What did Putin want to emphasise?", whose
// answer opens "He continued:"), hit@k unchanged everywhere, XQuAD's mean excerpt 413.3 → 413.4
// characters; one sentence back changed nothing (the seed's "He continued" follows another quote).
const ANTECEDENT_REACH = 3;
const OPENS_WITH_PRONOUN = /^[\s“"‘']*(?:he|she|they|his|her|their)\b/iu;
// A capitalised word after the first: a name (an opening word is capitalised anyway).
const NAMES_SOMEONE = /\s\p{Lu}\p{Ll}/u;

/** The range, begun at the nearest sentence before it that names whom its opening pronoun stands for, if that fits. */
export function withAntecedent(
  sentences: readonly Sentence[],
  range: SentenceRange,
  maxChars: number,
): SentenceRange {
  const opening = sentences[range.first]?.text ?? '';
  if (!OPENS_WITH_PRONOUN.test(opening) && !isUnattributedQuote(opening)) return range;
  let length = runLength(sentences, range);
  for (let first = range.first - 1; first >= Math.max(0, range.first - ANTECEDENT_REACH); first--) {
    const text = sentences[first]?.text ?? '';
    length += text.length + 1;
    if (length > maxChars) return range;
    if (NAMES_SOMEONE.test(text)) return { first, last: range.last };
  }
  return range;
}

const OPENS_WITH_QUOTE = /^\s*[“"‘]/u;
const QUOTED = /[“"‘][^”"’]*[”"’]/gu;

/** A sentence that opens on a quotation and names nobody outside it ("“Movement is going on…”", "“…,” he said"). */
function isUnattributedQuote(text: string): boolean {
  return OPENS_WITH_QUOTE.test(text) && !NAMES_SOMEONE.test(` ${text.replace(QUOTED, ' ')}`);
}

/** The characters of the run's sentences joined by single spaces, as an excerpt shows them. */
export function runLength(sentences: readonly Sentence[], range: SentenceRange): number {
  let length = -1;
  for (let i = range.first; i <= range.last; i++) length += (sentences[i]?.text.length ?? 0) + 1;
  return length;
}
