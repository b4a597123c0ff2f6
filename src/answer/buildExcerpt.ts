import type { Article } from '../corpus/article.js';
import { analyzeWord, foldWord, tokenize } from '../search/analyzer.js';
import type { Sentence } from '../search/chunk.js';
import type { SentenceRange } from './bestSpan.js';
import { pageTextBefore, textFragmentLink } from './textFragment.js';
import type { Excerpt } from './types.js';

/**
 * Turns a run of sentences into a cited excerpt: verbatim text (a newline between paragraphs),
 * paragraph numbers, highlights of the matched terms and a text-fragment link. A single sentence
 * longer than `maxChars` is cut at word boundaries around its matches, the cuts marked with "…".
 */
export function buildExcerpt(...run: Parameters<typeof excerptAndTerms>): Excerpt {
  return excerptAndTerms(...run).excerpt;
}

/**
 * {@link buildExcerpt}, with the analysed terms of the excerpt's text: the highlights analyse every
 * word of it, and judging the excerpt needs the same terms.
 */
export function excerptAndTerms(
  article: Article,
  sentences: readonly Sentence[],
  range: SentenceRange,
  matchedTerms: ReadonlySet<string>,
  score: number,
  maxChars: number,
): { excerpt: Excerpt; terms: ReadonlySet<string> } {
  const run = withoutRepeats(sentences.slice(range.first, range.last + 1));
  let text = run
    .map((sentence, index) => {
      const previous = run[index - 1];
      const separator = previous === undefined ? '' : previous.paragraph === sentence.paragraph ? ' ' : '\n';
      return separator + sentence.text;
    })
    .join('');
  if (text.length > maxChars) text = cutAroundMatches(text, matchedTerms, maxChars);

  const highlights: [number, number][] = [];
  const matchedWords = new Set<string>();
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const term = analyzeWord(token.word);
    if (term === null) continue;
    terms.add(term);
    if (matchedTerms.has(term)) {
      highlights.push([token.start, token.end]);
      matchedWords.add(token.word.toLowerCase());
    }
  }
  const excerpt: Excerpt = {
    articleId: article.id,
    title: article.title,
    url: article.url,
    link: textFragmentLink(
      article.url,
      text,
      pageTextBefore(article, run[0]?.paragraph ?? 0, run[0]?.start ?? 0),
    ),
    publisher: article.publisher,
    published: article.published,
    ...(article.byline ? { byline: article.byline } : {}),
    paragraphs: [...new Set(run.map((sentence) => sentence.paragraph))],
    text,
    highlights,
    matchedWords: [...matchedWords],
    score,
  };
  return { excerpt, terms };
}

/**
 * The run without sentences whose words another sentence of it repeats: a headline followed by the
 * sub-headline that starts with it is shown once, as the sub-headline.
 */
function withoutRepeats(run: readonly Sentence[]): Sentence[] {
  const words = run.map(foldedSentence);
  return run.filter(
    (_, i) =>
      !words.some(
        (other, j) => j !== i && other.length > (words[i]?.length ?? 0) && other.includes(words[i] ?? ''),
      ),
  );
}

// Each sentence's folded words, kept while the index keeps the sentence: the same sentences come up
// answer after answer, and folding them again was 5% of an answer's time at 10,000 articles.
const foldedSentences = new WeakMap<Sentence, string>();

/** The sentence's folded words (see foldedWords), with a space either side. */
function foldedSentence(sentence: Sentence): string {
  let folded = foldedSentences.get(sentence);
  if (folded === undefined) {
    folded = ` ${foldedWords(sentence.text)} `;
    foldedSentences.set(sentence, folded);
  }
  return folded;
}

/** The words of a text folded and joined by spaces, to compare sentences regardless of case and punctuation. */
function foldedWords(text: string): string {
  return tokenize(text)
    .map((token) => foldWord(token.word))
    .join(' ');
}

/** The `maxChars` window of `text` that holds the most matched words, cut at word boundaries. */
function cutAroundMatches(text: string, matchedTerms: ReadonlySet<string>, maxChars: number): string {
  const budget = maxChars - 2; // room for the two ellipses
  const tokens = tokenize(text);
  const matches = tokens.filter((token) => {
    const term = analyzeWord(token.word);
    return term !== null && matchedTerms.has(term);
  });
  let bestStart = 0;
  let bestCount = -1;
  for (const anchor of matches.length > 0 ? matches : tokens.slice(0, 1)) {
    // Start a little before the match so that it reads in context.
    const start = Math.max(0, anchor.start - Math.floor(budget / 5));
    const count = matches.filter((token) => token.start >= start && token.end <= start + budget).length;
    if (count > bestCount) {
      bestCount = count;
      bestStart = start;
    }
  }
  let start = bestStart;
  let end = Math.min(text.length, start + budget);
  if (end === text.length) start = Math.max(0, end - budget);
  // Move the cuts inwards to whole words.
  if (start > 0) start = tokens.find((token) => token.start >= start)?.start ?? start;
  if (end < text.length) end = [...tokens].reverse().find((token) => token.end <= end)?.end ?? end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
