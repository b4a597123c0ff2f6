// Characters the text fragment syntax reserves ("-", ",", "&") must be percent-encoded inside a
// term; encodeURIComponent already encodes "," and "&" but leaves "-" alone.
function encodeTerm(term: string): string {
  return encodeURIComponent(term).replace(/-/g, '%2D');
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const WORDS_PER_TERM = 4;

/**
 * A link that scrolls the browser to the cited words: `url#:~:text=start,end` (WICG Scroll-to-Text
 * Fragment). Short excerpts use a single term; longer ones the first and last few words, which also
 * spans text split across paragraphs. Edge punctuation is dropped so quote marks need not match.
 */
export function textFragmentLink(url: string, excerpt: string): string {
  const words = excerpt
    .replace(/…/g, ' ')
    .split(/\s+/)
    .filter((word) => word.replace(EDGE_PUNCTUATION, '') !== '');
  if (words.length === 0) return url;
  const base = url.replace(/#.*$/, '');
  const clean = (part: string[]) => part.join(' ').replace(EDGE_PUNCTUATION, '');
  if (words.length <= WORDS_PER_TERM * 2) return `${base}#:~:text=${encodeTerm(clean(words))}`;
  const start = clean(words.slice(0, WORDS_PER_TERM));
  const end = clean(words.slice(-WORDS_PER_TERM));
  return `${base}#:~:text=${encodeTerm(start)},${encodeTerm(end)}`;
}
