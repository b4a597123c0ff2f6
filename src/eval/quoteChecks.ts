import { readFile } from 'node:fs/promises';
import { checkMessage, type QuoteVerdict } from '../quotes/checkQuote.js';
import type { QuoteLibrary } from '../quotes/layeredQuotes.js';

/** A chat message quoting the seed article, and the verdict a reader of the article gives it. */
interface QuoteCheckCase {
  readonly text: string;
  readonly expect: QuoteVerdict;
  /** How it was made: verbatim, one-word, dropped, reordered, mixed, misattributed, invented, narration. */
  readonly kind: string;
  /** The article's words it comes from, when it comes from any. */
  readonly source?: string;
}

export interface QuoteCheckResult {
  readonly cases: number;
  readonly right: number;
  /** Right / cases by expected verdict and by how the case was made. */
  readonly byVerdict: Record<string, { cases: number; right: number }>;
  readonly byKind: Record<string, { cases: number; right: number }>;
  /** One line per wrong verdict. */
  readonly misses: readonly string[];
}

/**
 * Runs every case through the check the bot and the CLI use. Right means the first quotation found
 * got the expected verdict and, unless not found, came from the expected source words.
 */
export async function evaluateQuoteChecks(quotes: QuoteLibrary, path: string): Promise<QuoteCheckResult> {
  const { cases } = JSON.parse(await readFile(path, 'utf8')) as { cases: QuoteCheckCase[] };
  const byVerdict: QuoteCheckResult['byVerdict'] = {};
  const byKind: QuoteCheckResult['byKind'] = {};
  const misses: string[] = [];
  let right = 0;
  for (const testCase of cases) {
    const check = checkMessage(quotes, testCase.text)[0];
    const sameSource =
      testCase.expect === 'not-found' ||
      (check?.source?.text ?? '').replace(/\s+/gu, ' ').includes(firstWords(testCase.source ?? ''));
    const ok = check?.verdict === testCase.expect && sameSource;
    if (ok) right++;
    else
      misses.push(
        `${testCase.kind}: expected ${testCase.expect}, got ${check?.verdict ?? 'nothing'}${sameSource ? '' : ' (another quote)'}: ${testCase.text}`,
      );
    for (const [table, key] of [
      [byVerdict, testCase.expect],
      [byKind, testCase.kind],
    ] as const) {
      table[key] ??= { cases: 0, right: 0 };
      table[key].cases++;
      if (ok) table[key].right++;
    }
  }
  return { cases: cases.length, right, byVerdict, byKind, misses };
}

/** The source words' first few, as a check that the right quote was found (fragments and all). */
function firstWords(source: string): string {
  return source.replace(/\s+/gu, ' ').split(' ').slice(0, 3).join(' ');
}
