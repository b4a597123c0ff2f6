import type { Article } from '../corpus/article.js';
import { isLetterOrNumber } from '../search/analyzer.js';

// Characters the text fragment syntax reserves ("-", ",", "&") must be percent-encoded inside a
// term; encodeURIComponent already encodes "," and "&" but leaves "-" alone.
function encodeTerm(term: string): string {
  return encodeURIComponent(term).replace(/-/g, '%2D');
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const WORDS_PER_TERM = 4;

/** A paragraph of the excerpt and the ranges of its words (runs without spaces that hold a letter or digit). */
interface Block {
  readonly text: string;
  readonly words: readonly { readonly start: number; readonly end: number }[];
}

/** JavaScript's white space and line terminators (what \s matches). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code >= 0xa0 && SPACE.test(String.fromCharCode(code)));
}
const SPACE = /^\s$/;

/**
 * The runs of non-space characters that hold a letter or digit. Scanned, not matched with /\S+/g:
 * each excerpt's link does this, and the match objects were a sizeable share of an answer's garbage.
 */
function toBlock(text: string): Block {
  const words: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    let wordy = false;
    while (i < text.length && !isSpace(text.charCodeAt(i))) {
      const code = text.codePointAt(i) ?? 0;
      wordy ||= isLetterOrNumber(code);
      i += code > 0xffff ? 2 : 1;
    }
    if (wordy) words.push({ start, end: i });
  }
  return { text, words };
}

/** The block's text from word `from` to word `to` (exclusive), verbatim, edge punctuation dropped. */
function term(block: Block, from: number, to: number): string {
  const start = block.words[from]?.start ?? 0;
  const end = block.words[to - 1]?.end ?? block.text.length;
  return block.text.slice(start, end).replace(EDGE_PUNCTUATION, '');
}

/**
 * A link that scrolls the browser to the cited words: `url#:~:text=start,end` (WICG Scroll-to-Text
 * Fragment). Short excerpts use a single term; longer ones the first and last few words, which also
 * spans text split across paragraphs. Terms are verbatim text of one paragraph each (a browser never
 * matches a term across paragraphs), without the "…" of a cut; edge punctuation is dropped so quote
 * marks need not match. A browser scrolls to the first match of the start term, so when the page's
 * `earlierText` (its headline, the paragraphs before) already holds it, the start grows word by word
 * until it is unique.
 */
export function textFragmentLink(url: string, excerpt: string, earlierText = ''): string {
  const blocks = excerpt
    .replace(/^…|…$/g, '')
    .split('\n')
    .map(toBlock)
    .filter((block) => block.words.length > 0);
  const first = blocks[0];
  const last = blocks.at(-1);
  if (first === undefined || last === undefined) return url;
  const base = url.replace(/#.*$/, '');
  if (blocks.length === 1 && first.words.length <= WORDS_PER_TERM * 2) {
    return `${base}#:~:text=${encodeTerm(term(first, 0, first.words.length))}`;
  }
  let startWords = Math.min(WORDS_PER_TERM, first.words.length);
  while (startWords < first.words.length && earlierText.includes(term(first, 0, startWords))) startWords++;
  const start = term(first, 0, startWords);
  const end = term(last, Math.max(0, last.words.length - WORDS_PER_TERM), last.words.length);
  return `${base}#:~:text=${encodeTerm(start)},${encodeTerm(end)}`;
}

/**
 * The page text before a place in the article, for {@link textFragmentLink}: the headline, the
 * paragraphs before (furniture too: it is on the page), and the start of the place's own paragraph.
 */
export function pageTextBefore(article: Article, paragraph: number, offset = 0): string {
  const earlier = article.paragraphs
    .filter((candidate) => candidate.number < paragraph)
    .map((candidate) => candidate.text);
  const own = article.paragraphs.find((candidate) => candidate.number === paragraph);
  return [article.title, ...earlier, own?.text.slice(0, offset) ?? ''].join('\n');
}
