import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFurnitureRules } from '../../src/corpus/furnitureRules.js';
import { extractArticle } from '../../src/ingest/extractArticle.js';
import { IngestError } from '../../src/ingest/ingestError.js';
import { NEWS_PAGE } from './localServer.js';

const URL_ = 'https://www.northerncourier.example/news/2024/mar/05/millbridge-flood-wall-approved';
const { rules: FURNITURE_RULES } = parseFurnitureRules(
  readFileSync(new URL('../../corpus/furniture-rules.txt', import.meta.url), 'utf8'),
);

/** The standfirst, then the story; no nav, cookie banner, byline, dateline, ads, "Read more", promo or footer. */
const STORY = [
  'Councillors back a £14m scheme for the River Wyre, seven years after the town’s worst flood in a century',
  'A £14m flood wall that will run for almost a mile along the River Wyre at Millbridge has been approved, seven years after the town’s worst flood in a century forced hundreds of people from their homes.',
  'Members of Wyreside council’s planning committee voted nine to two in favour of the scheme on Monday evening, after a meeting that ran for more than four hours and heard from residents on both sides of the river.',
  '“We have waited long enough,” said Margaret O’Neill, who chairs the Millbridge Flood Action Group and whose bakery on Bridge Street was under a metre of water in February 2017. “Every time the river rises, people on this street move their furniture upstairs and don’t sleep.”',
  'The Environment Agency, which will build the wall with the council, said work could begin in the autumn and should take about two years. The agency estimates the scheme will protect 640 homes and 85 businesses from a flood of the size expected once in every 100 years.',
  'Opponents had argued that the 2.4-metre wall would cut the town off from its riverside and damage trade at the cafés and shops along the quay. Councillor David Pryce, one of the two members who voted against, said the design was “a concrete answer to a question that nature could help us answer better”.',
  'The agency said glass panels would be set into the wall at the quay so that views of the river were kept, and that a wetland upstream at Halton Moss would hold back some of the water in heavy rain.',
  'Work on the wetland is due to begin first. Residents will be able to see the final drawings at a drop-in session at Millbridge library on 16 March, the council said.',
];

const STORY_HTML = STORY.slice(1)
  .map((text) => `<p>${text}</p>`)
  .join('\n');

/** A bare page around some story paragraphs, with whatever metadata the test needs in its head. */
function page(head: string, body = STORY_HTML): string {
  return `<!DOCTYPE html><html><head>${head}</head><body><article>${body}</article></body></html>`;
}

function noArticleError(run: () => unknown): IngestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error('expected extractArticle to throw');
}

describe('extractArticle', () => {
  it('returns exactly the story paragraphs of a realistic news page, with its metadata', () => {
    const article = extractArticle(NEWS_PAGE, URL_, { furnitureRules: FURNITURE_RULES, today: '2030-01-01' });

    expect(article).toEqual({
      title: 'Flood wall plan for Millbridge approved after years of delay',
      byline: 'Priya Raman',
      publisher: 'The Northern Courier',
      published: '2024-03-05',
      paragraphs: STORY,
    });
  });

  it('leaves the newsletter promotion to the furniture rules it is given', () => {
    const { paragraphs } = extractArticle(NEWS_PAGE, URL_);

    expect(paragraphs.filter((text) => !STORY.includes(text))).toEqual([
      'Sign up to Northern Briefing, our free morning newsletter, direct to your inbox every weekday.',
    ]);
  });

  it('takes the title from <title> without the site name, and the publisher from the host name', () => {
    const article = extractArticle(
      page('<title>Flood wall plan - Millbridge approved - northerncourier.example</title>'),
      URL_,
      { today: '2024-03-06' },
    );

    expect(article.title).toBe('Flood wall plan - Millbridge approved');
    expect(article.publisher).toBe('northerncourier.example');
    expect(article.byline).toBeUndefined();
    expect(article.published).toBe('2024-03-06');
  });

  it('reads the date from JSON-LD datePublished as the calendar day the publisher wrote', () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Flood wall approved',
      datePublished: '2024-03-05T23:30:00-05:00',
      author: { '@type': 'Person', name: 'Priya Raman' },
      publisher: { '@type': 'Organization', name: 'The Northern Courier' },
    });
    const article = extractArticle(page(`<script type="application/ld+json">${jsonLd}</script>`), URL_);

    expect(article.published).toBe('2024-03-05');
    expect(article.title).toBe('Flood wall approved');
    expect(article.publisher).toBe('The Northern Courier');
    expect(article.byline).toBe('Priya Raman');
  });

  it('falls back to the first <time datetime> when there is no metadata date', () => {
    const body = `<p class="dateline">Published <time datetime="2023-11-02T09:00:00Z">2 November 2023</time></p>${STORY_HTML}`;
    const article = extractArticle(
      page('<title>Millbridge flood plan delayed again over cost</title>', body),
      URL_,
    );

    expect(article.published).toBe('2023-11-02');
    expect(article.paragraphs).toEqual(STORY.slice(1)); // the dateline is not a paragraph
  });

  it('joins lines broken with <br> by a space and takes list items and quotes', () => {
    const body = `${STORY_HTML}<p>Councillor Pryce said:<br>“Nature could help.”</p><ul><li>640 homes protected</li><li>85 businesses protected</li></ul><blockquote>It is a concrete answer.</blockquote>`;
    const { paragraphs } = extractArticle(
      page('<title>Millbridge flood wall approved by council</title>', body),
      URL_,
    );

    expect(paragraphs.slice(-4)).toEqual([
      'Councillor Pryce said: “Nature could help.”',
      '640 homes protected',
      '85 businesses protected',
      'It is a concrete answer.',
    ]);
  });

  it('accepts a page without <html> or <body> tags', () => {
    const article = extractArticle(
      `<title>Millbridge flood wall approved by council</title>${STORY_HTML}`,
      URL_,
    );

    expect(article.paragraphs).toEqual(STORY.slice(1));
  });

  it('throws no-article for a page with fewer than two paragraphs of text', () => {
    const error = noArticleError(() =>
      extractArticle(
        page('<title>Rovers’ cup run ends</title>', `<p>${STORY[1]}</p>`),
        'https://news.example/a',
      ),
    );

    expect(error.code).toBe('no-article');
    expect(error.message).toBe(
      'No article could be found at https://news.example/a: only 1 paragraph of text',
    );
  });

  it('throws no-article for a page with no title at all', () => {
    const error = noArticleError(() => extractArticle(page(''), 'https://news.example/a'));

    expect(error.code).toBe('no-article');
    expect(error.message).toMatch(/it has no title/);
  });

  it('throws no-article for a page with no text', () => {
    const error = noArticleError(() =>
      extractArticle('<html><head><title>Empty</title></head><body></body></html>', URL_),
    );

    expect(error.code).toBe('no-article');
  });
});
