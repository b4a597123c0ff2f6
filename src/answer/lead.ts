import type { Article } from '../corpus/article.js';
import { firstArticles, newestFirst } from '../corpus/firstArticles.js';
import { analyzeWord, foldWord } from '../search/analyzer.js';
import type { Searchable } from '../search/searchable.js';
import { zipf } from '../text/englishWords.js';
import { buildExcerpt } from './buildExcerpt.js';
import { isTitleLike, titleTermsOfArticle } from './titleTerms.js';
import type { Excerpt } from './types.js';

// "What's the article about?", "tldr", "summary pls": a question that names no subject but asks for
// the gist. A news story's opening is its own summary (the lead), so that is the answer, cited as
// any passage is, rather than "add what it is about".

// Words that ask for the gist, not name a subject: "what is it about", "tldr", "summary pls", "what
// happened", "what's going on", "what's new", "latest news", "what articles do you have", "eli5". A question
// of these alone asks for the lead; beside a subject they are left to the search as any word is
// ("summary of the syria stuff", "latest on kursk").
const ASKS_GIST =
  /\b(about|tl\s*;?\s*dr|too long,? didn'?t read|summar(?:y|ies|ise|ize|ised|ized)|synopsis|sum (?:(?:it|this|that) )?up|gist|recap|overview|outline|content|(?:main|key|principal) points?|takeaways?|highlights|in short|in a nutshell|what(?:'|’)?s? (?:actually )?(?:happened|happening|going on|goin on|new)|what (?:actually )?happened|what(?:'|’)?s the (?:big )?(?:story|deal|news)|what(?:'|’)?s (?:this|it)(?: \w+)?(?: even)? saying|what (?:is|are) (?:this|it|they|these)(?: \w+)?(?: even)? saying|latest|newest|what (?:articles|stories|news) (?:do you have|are there|have you got)|eli5|explain|short version|(?:quick|brief) (?:version|rundown)|run ?down|break (?:\w+ ){0,2}down|breakdown)\b/iu;
const GIST_TERMS: ReadonlySet<string> = new Set(
  [
    'summary',
    'summaries',
    'summarise',
    'summarize',
    'gist',
    'recap',
    'overview',
    'main',
    'key',
    'point',
    'points',
    'short',
    'nutshell',
    'new',
    'latest',
    'newest',
    'news',
    'eli5',
    'explain',
    // "TL;DR" is read as two words.
    'tl',
    'dr',
    'sum',
    'break',
    'takeaway',
    'takeaways',
    'highlights',
    'piece',
    'saying',
    'long',
    'read',
    'deal',
    'rundown',
    'breakdown',
    'synopsis',
    'outline',
    'content',
    'principal',
    'report',
    'cover',
    'bullet',
  ].map((word) => analyzeWord(word) ?? word),
);

// Questions about the article as a thing, not its story: who wrote it, when and where it was published,
// where to read it. Answered from the article's record (its file's front matter) with its opening.
const ASKS_RECORD =
  /\b(who (?:wrote|writes|authored|reported)|written by|author|byline|published|posted|updated|went up|publish(?:ed)? date|publication date|date of publication|what date|how old is (?:this|it|the)|how recent|(?:is|was) (?:this|it) (?:recent|new|old)\b|(?:recent|old) news|ages ago|(?:what|which) (?:news )?(?:outlet|site|website|channel|network|paper|newspaper|publication|publisher)|outlet|publisher|where (?:is|was|does) (?:this|it) (?:from|published|come from)|where (?:can|do|could) i read|(?:when|what day) (?:was|did) (?:this|it) (?:written|published|posted|come out|came out|out)|c[oa]me out|ran this|put this out|who(?:'s|’s| is| was)? the (?:author|writer)|which (?:journo|journalist|reporter|writer)|who(?:'s|’s| is| was)? the (?:reporter|journalist) (?:on|of|for|behind) (?:this|it|the (?:article|piece|story))|source|src|link|url)\b/iu;
const RECORD_TERMS: ReadonlySet<string> = new Set(
  [
    'wrote',
    'write',
    'writes',
    'written',
    'authored',
    'author',
    'byline',
    'reported',
    'published',
    'posted',
    'publish',
    'date',
    'old',
    'outlet',
    'site',
    'paper',
    'newspaper',
    'publication',
    'publisher',
    'source',
    'link',
    'url',
    'original',
    'website',
    'recent',
    'new',
    'news',
    'ran',
    'reporter',
    'journalist',
    'writer',
    'channel',
    'come',
    'came',
    'week',
    'ages',
    'ago',
    'piece',
    'journo',
    'src',
    'network',
    'day',
    'days',
    'updated',
    'fresh',
    'legit',
    'item',
    'appeared',
    'autor',
  ].map((word) => analyzeWord(word) ?? word),
);

/** What a question about the articles themselves asks for (see types.ts, Answer.about). */
export type AboutArticles = 'opening' | 'record';

// Each kind: the phrases that ask for it, the words that may stand beside them, and a word that asks
// for it alone (what "More results" asks again: the question reduced to its words may not).
const KINDS: readonly { about: AboutArticles; asks: RegExp; words: ReadonlySet<string>; alone: string }[] = [
  { about: 'opening', asks: ASKS_GIST, words: GIST_TERMS, alone: 'summary' },
  { about: 'record', asks: ASKS_RECORD, words: RECORD_TERMS, alone: 'byline' },
];

/**
 * What a question asks about the articles themselves, as any of its readings says it (as typed, as
 * corrected: "wats it about"), when its words name nothing else: what they are about ("tldr") or who
 * wrote them, when and where ("who wrote this", "link?"). "Who wrote the book" names a book: it is an
 * ordinary question, and so undefined.
 */
export function askedAboutArticles(
  readings: readonly string[],
  terms: Iterable<[term: string, word: string]>,
  index: Searchable,
): AboutArticles | undefined {
  const words = [...terms];
  return KINDS.find(
    ({ asks, words: asking }) =>
      readings.some((reading) => asks.test(reading)) && namesNothingBut(words, asking, index),
  )?.about;
}

/** A word that asks for the same as the question did, alone: for "More results". */
export function askedAlone(about: AboutArticles): string {
  return KINDS.find((kind) => kind.about === about)?.alone ?? '';
}

// Words people pad a request with that name nothing in the story: who should do it, how short, in
// what form ("can someone give me the quick version in a few lines, im lazy").
const REQUEST_PADDING: ReadonlySet<string> = new Set(
  [
    'someone',
    'somebody',
    'anybody',
    'bot',
    'quick',
    'quickly',
    'brief',
    'briefly',
    'short',
    'shorter',
    'simple',
    'simply',
    'basically',
    'version',
    'sentence',
    'sentences',
    'line',
    'lines',
    'word',
    'words',
    'lazy',
    'busy',
    'real',
    'whole',
    'full',
    'actual',
    'thing',
    'stuff',
    'drop',
    'share',
    'send',
    'read',
    'give',
    'tell',
    'pls',
    'plz',
    'here',
    'lately',
    'time',
    'confused',
    'exactly',
    'need',
    'hey',
    'didnt',
    'im',
    'tho',
    'though',
    'kindly',
    'provide',
    'linked',
    'above',
    'understand',
    'fully',
    'text',
    'big',
    'phone',
    'raised',
    'fam',
    'joined',
    'chat',
    'behind',
    'indicate',
    'first',
    'went',
    'put',
  ].map((word) => analyzeWord(word) ?? word),
);

function namesNothingBut(
  terms: readonly [term: string, word: string][],
  asking: ReadonlySet<string>,
  index: Searchable,
): boolean {
  for (const [term, word] of terms) if (!asking.has(term) && namesSomething(index, term, word)) return false;
  return true;
}

// An everyday word ("give", "put") names nothing the asker wants found (see EVERYDAY_WEIGHT).
const EVERYDAY_ZIPF = 5.5;

/**
 * Whether a word of the question names something the asker wants found ("syria" in "tldr on the
 * syria stuff"): any word but an everyday one, one that pads the request ("can someone give me the
 * short version"), or a number the library lacks ("in 2 sentences"). A word the library lacks still
 * names something: "did china say anything abt taiwan" asks about China, and must be told the
 * library does not cover it.
 */
function namesSomething(index: Searchable, term: string, word: string): boolean {
  if (/^\p{N}+$/u.test(word)) return index.hasTerm(term);
  if (REQUEST_PADDING.has(term)) return false;
  return zipf(foldWord(word)) <= EVERYDAY_ZIPF;
}

/**
 * The opening of each article, newest first (the page from `offset`): its first sentences after any
 * that mostly repeat the title (the citation shows the title), as many as fit in `maxChars`.
 */
export function leadExcerpts(
  index: Searchable,
  offset: number,
  limit: number,
  maxChars: number,
): { excerpts: Excerpt[]; total: number } {
  const excerpts: Excerpt[] = [];
  const { articles, total } = firstArticles(index.articles.values(), offset + limit, byRecency);
  for (const article of articles.slice(offset)) {
    const sentences = index.sentences.get(article.id) ?? [];
    const title = titleTermsOfArticle(article);
    let first = 0;
    while (first < sentences.length - 1 && isTitleLike(index.sentenceTerms(article.id, first), title))
      first++;
    // Whole paragraphs while they fit: a lead cut mid-quote leaves the quote open.
    let last = first;
    let length = sentences[first]?.text.length ?? 0;
    for (let next = first + 1; next < sentences.length; next++) {
      length += 1 + (sentences[next]?.text.length ?? 0);
      if (length > maxChars) break;
      if (sentences[next + 1]?.paragraph !== sentences[next]?.paragraph) last = next;
    }
    if (sentences.length > 0)
      excerpts.push({
        ...buildExcerpt(article, sentences, { first, last }, new Set(), 0, maxChars),
        match: 'direct',
      });
  }
  return { excerpts, total };
}

/** Newest first, then by title. */
const byRecency = (a: Article, b: Article) => newestFirst(a, b) || a.title.localeCompare(b.title);
