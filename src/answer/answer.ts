import { analyze, analyzeWord, tokenize } from '../search/analyzer.js';
import type { SearchIndex } from '../search/searchIndex.js';
import { normalizeText } from '../text/normalize.js';
import { buildExcerpt } from './buildExcerpt.js';
import { type SentenceRange, selectSentences } from './selectSentences.js';
import type { AbstainReason, Answer, Excerpt } from './types.js';

export interface AnswerOptions {
  /** Excerpts per page. */
  readonly limit: number;
  /** Excerpts to skip (for "More results"). */
  readonly offset: number;
  /** An excerpt is trimmed to whole sentences within about this many characters. */
  readonly maxExcerptChars: number;
  /** At most this many distinct excerpts are offered in all. */
  readonly maxExcerpts: number;
  /**
   * Share of the question's weight (terms weighted by rarity) that the corpus must contain; below it
   * the engine abstains rather than offer passages that match only the question's common words.
   */
  readonly minCoverage: number;
  readonly maxQuestionChars: number;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = {
  limit: 3,
  offset: 0,
  maxExcerptChars: 500,
  maxExcerpts: 15,
  minCoverage: 0.5,
  maxQuestionChars: 1000,
};

/**
 * Answers a question from the index: up to `limit` verbatim, cited excerpts, best first, or an
 * abstention that says why and which words the corpus lacks. Never throws on any input string.
 */
export function answer(index: SearchIndex, question: string, options: Partial<AnswerOptions> = {}): Answer {
  const settings = { ...DEFAULT_ANSWER_OPTIONS, ...options };
  const text = normalizeText(question);
  const abstain = (reason: AbstainReason, missing: string[] = []): Answer => ({
    question: text,
    answered: false,
    reason,
    excerpts: [],
    total: 0,
    offset: settings.offset,
    missing,
  });
  if (tokenize(text).length === 0) return abstain('empty');
  if (text.length > settings.maxQuestionChars) return abstain('too-long');

  const wordsByTerm = questionTerms(withoutQuestionFrames(text));
  if (wordsByTerm.size === 0) return abstain('no-content-words');
  const inCorpus = (term: string) => index.chunkFrequencyOf(term) > 0;
  const expansion = index.synonyms.expand(new Set(wordsByTerm.keys()), inCorpus);
  const found = (term: string) => inCorpus(term) || expansion.covered.has(term);
  const missing = [...wordsByTerm].filter(([term]) => !found(term)).map(([, word]) => word);
  if (coverage(index, [...wordsByTerm.keys()], found) < settings.minCoverage) {
    return abstain('not-in-corpus', missing);
  }

  const query = [withoutQuestionFrames(text), ...expansion.alternatives].join(' ');
  const excerpts = collectExcerpts(index, query, settings);
  if (excerpts.length === 0) return abstain('not-in-corpus', missing);
  return {
    question: text,
    answered: true,
    excerpts: excerpts.slice(settings.offset, settings.offset + settings.limit),
    total: excerpts.length,
    offset: settings.offset,
    missing,
  };
}

// Phrases that frame a question without naming its subject; their words are common in stories
// ("long", "place") and would otherwise look like topics the corpus lacks.
const QUESTION_FRAMES =
  /\b(how long|(take|takes|took|taken|taking) place|according to|what (kind|sort|type) of)\b/giu;

function withoutQuestionFrames(text: string): string {
  return text.replace(QUESTION_FRAMES, ' ');
}

/** Distinct analysed terms of the question, each with the first word that produced it. */
function questionTerms(text: string): Map<string, string> {
  const terms = new Map<string, string>();
  for (const token of tokenize(text)) {
    const term = analyzeWord(token.word);
    if (term !== null && !terms.has(term)) terms.set(term, token.word);
  }
  return terms;
}

/** The share of the question's total idf carried by terms the corpus contains. */
function coverage(index: SearchIndex, terms: readonly string[], found: (term: string) => boolean): number {
  let present = 0;
  let total = 0;
  for (const term of terms) {
    const idf = index.idf(term);
    total += idf;
    if (found(term)) present += idf;
  }
  return total === 0 ? 0 : present / total;
}

/** Best chunks → best sentence run in each → distinct excerpts (a run overlapping a better one is dropped). */
function collectExcerpts(index: SearchIndex, text: string, settings: AnswerOptions): Excerpt[] {
  const chosen: { articleId: string; range: SentenceRange }[] = [];
  const excerpts: Excerpt[] = [];
  const sentenceTerms = new Map<string, ReadonlySet<string>>();
  for (const hit of index.search(text)) {
    if (excerpts.length >= settings.maxExcerpts) break;
    const { chunk } = hit;
    const article = index.articles.get(chunk.articleId);
    const sentences = index.sentences.get(chunk.articleId);
    if (!article || !sentences) continue;
    const matched = new Set(hit.terms);
    const termsOf = (i: number) => {
      const key = `${chunk.articleId}\u0000${i}`;
      let terms = sentenceTerms.get(key);
      if (!terms) {
        terms = new Set(analyze(sentences[i]?.text ?? ''));
        sentenceTerms.set(key, terms);
      }
      return new Set([...terms].filter((term) => matched.has(term)));
    };
    const range = selectSentences(
      sentences,
      chunk,
      termsOf,
      (term) => index.idf(term),
      settings.maxExcerptChars,
    );
    const overlaps = chosen.some(
      (other) =>
        other.articleId === chunk.articleId &&
        other.range.first <= range.last &&
        range.first <= other.range.last,
    );
    if (overlaps || termsOf(range.first).size + termsOf(range.last).size === 0) continue;
    chosen.push({ articleId: chunk.articleId, range });
    excerpts.push(buildExcerpt(article, sentences, range, matched, hit.score, settings.maxExcerptChars));
  }
  return excerpts;
}
