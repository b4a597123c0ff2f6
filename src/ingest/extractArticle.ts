import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { type FurnitureRule, matchFurniture } from '../corpus/furnitureRules.js';
import { normalizeText } from '../text/normalize.js';
import { count } from '../text/plural.js';
import { IngestError } from './ingestError.js';

export interface ExtractedArticle {
  readonly title: string;
  readonly byline?: string;
  /** og:site_name (or the JSON-LD publisher), else the host name without `www.`. */
  readonly publisher: string;
  /** YYYY-MM-DD as the page states it, else the `today` option. */
  readonly published: string;
  /** The story's paragraphs, normalised, furniture dropped. */
  readonly paragraphs: readonly string[];
}

export interface ExtractArticleOptions {
  /** The date to use when the page states none (YYYY-MM-DD): the fetch date. Today (UTC) if absent. */
  readonly today?: string;
  /** Paragraphs matching one of these (`corpus/furniture-rules.txt`) are left out. */
  readonly furnitureRules: readonly FurnitureRule[];
  /** A page with fewer story paragraphs than this is not an article. */
  readonly minParagraphs: number;
}

export const defaultExtractArticleOptions: ExtractArticleOptions = Object.freeze({
  furnitureRules: [],
  minParagraphs: 2,
});

/**
 * The little of the DOM used here. linkedom's own types refer to the DOM lib, which this Node project
 * does not load, so without this everything it returns would be `any`.
 */
interface DomElement {
  readonly textContent: string | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): Iterable<DomElement>;
  getAttribute(name: string): string | null;
  replaceWith(...nodes: string[]): void;
}

// Blocks that hold story text in Readability's output. Headings are left out: the corpus is prose.
const BLOCKS = 'p, li, blockquote';
/** A block whose text is mostly links is navigation or "related stories", not the story. */
const MAX_LINK_SHARE = 0.5;
/** Labels of ad slots and the like that Readability keeps when they sit inside the article body. */
const SLOT_LABEL =
  /^(advertisement|advert|ad|sponsored|story continues below( advertisement)?|continue reading( below)?)$/i;
/** What is left of a dateline once its <time> is taken out: "Published", "Updated on", "|"… */
const DATELINE_REST = /^((first )?published|updated|posted|last (updated|modified)|on|at|[\s|:·,-])*$/i;

/**
 * Extracts the story from a news page with Mozilla Readability (over linkedom): title, byline,
 * publisher, publication date and the body paragraphs, without navigation, ads, related links,
 * promotions or anything the furniture rules match. Throws IngestError 'no-article' when the page
 * has no title or fewer than `minParagraphs` paragraphs of story.
 */
export function extractArticle(
  html: string,
  url: string,
  options: Partial<ExtractArticleOptions> = {},
): ExtractedArticle {
  const settings = { ...defaultExtractArticleOptions, ...options };
  const page = parseHTML(asWholeDocument(html)).document;
  const document: DomElement = page;
  // Readability takes the page apart, so read what it does not look at first.
  // linkedom only reads document.title from <head>; a page that omits the tag has its <title> in the body.
  const fallbackTitle = normalizeText(
    document.querySelector('title')?.textContent || document.querySelector('h1')?.textContent || '',
  );
  const timeDate = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  // The serializer hands back Readability's content as elements, saving a round trip through HTML.
  const result = new Readability(page, { serializer: (node): DomElement => node }).parse();
  if (!result?.content) throw noArticle(url, 'no article text was found');

  const publisher = normalizeText(result.siteName ?? '') || new URL(url).hostname.replace(/^www\./, '');
  const title = withoutSiteName(normalizeText(result.title ?? '') || fallbackTitle, publisher);
  if (title === '') throw noArticle(url, 'it has no title');
  const byline = cleanByline(result.byline);
  const paragraphs = storyParagraphs(result.content, { title, byline, rules: settings.furnitureRules });
  if (paragraphs.length < settings.minParagraphs) {
    throw noArticle(url, `only ${count(paragraphs.length, 'paragraph')} of text`);
  }
  const published =
    toIsoDate(result.publishedTime) ??
    toIsoDate(timeDate) ??
    settings.today ??
    new Date().toISOString().slice(0, 10);
  return { title, ...(byline ? { byline } : {}), publisher, published, paragraphs };
}

/** linkedom does not build the implied <html>/<body> of a fragment, and Readability needs both. */
function asWholeDocument(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

interface StoryContext {
  readonly title: string;
  readonly byline: string | undefined;
  readonly rules: readonly FurnitureRule[];
}

/** The text of each innermost block of Readability's content that is story rather than furniture. */
function storyParagraphs(content: DomElement, context: StoryContext): string[] {
  const paragraphs: string[] = [];
  for (const block of content.querySelectorAll(BLOCKS)) {
    if (block.querySelector(BLOCKS)) continue; // the inner blocks are taken one by one
    // textContent runs "line<br>line" together, and linkedom's innerText is only a rough imitation.
    for (const br of block.querySelectorAll('br')) br.replaceWith(' ');
    const text = normalizeText(block.textContent ?? '');
    const linkText = [...block.querySelectorAll('a')].reduce(
      (length, link) => length + normalizeText(link.textContent ?? '').length,
      0,
    );
    if (text === '' || linkText > text.length * MAX_LINK_SHARE || SLOT_LABEL.test(text)) continue;
    if (text === context.title || isBylineLine(text, context.byline) || isDateline(block, text)) continue;
    if (matchFurniture(text, context.rules) !== undefined) continue;
    paragraphs.push(text);
  }
  return paragraphs;
}

/** A block that only gives the date: its <time> elements and words such as "Published" or "Updated". */
function isDateline(block: DomElement, text: string): boolean {
  const times = [...block.querySelectorAll('time')].map((time) => normalizeText(time.textContent ?? ''));
  if (times.length === 0) return false;
  const rest = times.reduce((remaining, time) => remaining.replace(time, ' '), text);
  return DATELINE_REST.test(rest.trim());
}

/** "By Jane Doe" or "By Jane Doe, Political Editor" left in the content beside the byline metadata. */
function isBylineLine(text: string, byline: string | undefined): boolean {
  if (byline === undefined) return false;
  const lower = text.toLowerCase();
  const name = byline.toLowerCase();
  return lower === name || (/^by\s/.test(lower) && lower.includes(name) && text.split(' ').length <= 12);
}

function cleanByline(value: string | null | undefined): string | undefined {
  const byline = normalizeText(value ?? '').replace(/^by\s+/i, '');
  return byline !== '' && byline.length <= 120 ? byline : undefined;
}

/** "Title | Publisher", "Title - Publisher", "Publisher: Title"… → "Title". */
function withoutSiteName(title: string, publisher: string): string {
  const site = publisher.toLowerCase();
  const match = /^(.+)\s+[|–—-]\s+(.+)$/.exec(title); // the last separator
  if (match?.[1] && match[2]?.toLowerCase() === site) return match[1];
  const prefix = /^(.+?)\s*[|:]\s+(.+)$/.exec(title);
  if (prefix?.[2] && prefix[1]?.toLowerCase() === site) return prefix[2];
  return title;
}

/** The calendar date a timestamp states ("2024-03-05T23:30:00-05:00" → 2024-03-05, the publisher's day). */
function toIsoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const stated = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  if (stated !== undefined) {
    const date = new Date(`${stated}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(stated) ? stated : undefined;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

function noArticle(url: string, reason: string): IngestError {
  return new IngestError('no-article', `No article could be found at ${url}: ${reason}`);
}
