import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { textFragmentLink } from '../../src/answer/textFragment.js';
import { buildEngine } from '../../src/engine.js';

const URL_ = 'https://itv.com/news/2024-12-19/i-will-be-ready-putin-says-he-will-meet-trump';
const engine = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));

/** The decoded text directive terms of a link: [start] or [start, end]. */
function termsOf(link: string): string[] {
  const directive = link.split('#:~:text=')[1];
  if (directive === undefined) throw new Error(`no text directive in ${link}`);
  // Commas inside a term are percent-encoded, so a raw comma separates start from end.
  return directive.split(',').map(decodeURIComponent);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A browser finds each term within one block of the page (a paragraph) and at word boundaries, so a
 * term must appear verbatim inside one line of the excerpt.
 */
function expectTermsInExcerpt(link: string, excerpt: string): void {
  const lines = excerpt.split('\n');
  for (const term of termsOf(link)) {
    expect(
      lines.some((line) =>
        new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(term)}($|[^\\p{L}\\p{N}])`, 'u').test(line),
      ),
      `"${term}" in ${JSON.stringify(excerpt)}`,
    ).toBe(true);
  }
}

describe('textFragmentLink', () => {
  it('returns the url with one term when the excerpt is short', () => {
    expect(textFragmentLink(URL_, 'The marathon sessions in the past lasted hours.')).toBe(
      `${URL_}#:~:text=The%20marathon%20sessions%20in%20the%20past%20lasted%20hours`,
    );
  });

  it('returns the first and last four words as start and end when the excerpt is long', () => {
    const excerpt =
      'The marathon sessions in the past have lasted well over four hours, and Putin answered questions throughout.';

    expect(textFragmentLink(URL_, excerpt)).toBe(
      `${URL_}#:~:text=The%20marathon%20sessions%20in,Putin%20answered%20questions%20throughout`,
    );
  });

  it('percent-encodes the "-", "," and "&" that the text directive syntax reserves', () => {
    const link = textFragmentLink(URL_, 'Q&A, 100-200-300');

    expect(link).toBe(`${URL_}#:~:text=Q%26A%2C%20100%2D200%2D300`);
    expect(termsOf(link)).toEqual(['Q&A, 100-200-300']);
  });

  it('returns terms that keep a dash standing alone between words, as the page has it', () => {
    const excerpt =
      'Our fighters are taking and returning territory in square kilometers. I want to emphasise - every day.”';
    const link = textFragmentLink(URL_, excerpt);

    expect(termsOf(link)).toEqual(['Our fighters are taking', 'to emphasise - every day']);
    expect(link).toContain(',to%20emphasise%20%2D%20every%20day');
  });

  it('returns terms that each lie within one paragraph when the excerpt spans paragraphs', () => {
    const excerpt = [
      '“Movement is going on along the entire front line, every day.”',
      'He continued: “And as I already said, we are not talking about advancing 100-200-300 meters.',
    ].join('\n');
    const short = 'Why?\nBecause we are becoming a truly sovereign country.';

    expect(termsOf(textFragmentLink(URL_, excerpt))).toEqual([
      'Movement is going on',
      'about advancing 100-200-300 meters',
    ]);
    expect(termsOf(textFragmentLink(URL_, short))).toEqual(['Why', 'a truly sovereign country']);
    expect(termsOf(textFragmentLink(URL_, '"Why?\nBecause we are.'))).toEqual(['Why', 'Because we are']);
  });

  it('returns terms without the ellipses that mark where a long sentence was cut', () => {
    const link = textFragmentLink(
      URL_,
      '…a glimpse into Putin’s views on critical matters, and gives the Kremlin leader a platform…',
    );

    expect(termsOf(link)).toEqual(['a glimpse into Putin’s', 'Kremlin leader a platform']);
    // An ellipsis the article itself has is part of the text the browser must find.
    expect(termsOf(textFragmentLink(URL_, 'Wait… what?'))).toEqual(['Wait… what']);
  });

  it('lengthens the start term until the text before the excerpt does not already hold it', () => {
    const headline = "'I will be ready': Putin says he will meet Trump";
    const excerpt = `${headline} as he delivers annual news conference\nThe Russian president made the comments.`;
    expect(termsOf(textFragmentLink(URL_, excerpt))[0]).toBe('I will be ready');
    expect(termsOf(textFragmentLink(URL_, excerpt, `${headline}\n${headline}`))[0]).toBe(
      "I will be ready': Putin says he will meet Trump as",
    );
  });

  it('points an excerpt that starts with a repeated headline past its first occurrence on the page', () => {
    const seed = engine.corpus.articles[0];
    const excerpt = answer(engine.index, 'delivers annual news conference', { limit: 5 }).excerpts.find(
      (candidate) => candidate.paragraphs[0] === 2,
    );
    expect(excerpt, 'an excerpt starting at ¶2').toBeDefined();
    const [start] = termsOf(excerpt?.link ?? '');
    const earlier = [seed?.title, seed?.paragraphs.find((paragraph) => paragraph.number === 1)?.text].join(
      '\n',
    );
    expect(earlier.includes(start ?? '')).toBe(false);
  });

  it('replaces a fragment the article url already has', () => {
    expect(textFragmentLink(`${URL_}#comments`, 'Putin spoke.')).toBe(`${URL_}#:~:text=Putin%20spoke`);
  });

  it('returns the bare url when the excerpt has no words', () => {
    expect(textFragmentLink(URL_, ' … “” ')).toBe(URL_);
  });

  it('returns links whose terms occur in the excerpt for every answer to the seed questions', () => {
    const questions = [
      'What did Putin want to emphasise?',
      'How many meters did Putin say they are not talking about advancing?',
      'is the frontline moving every day or what',
      'Why does Putin say Russia is stronger?',
      'Has Putin met Assad since he got to Moscow?',
      'What did Woodward say about the calls?',
      'Who reported this story for ITV News?',
      'What is the point of the Q&A session?',
    ];
    let links = 0;
    for (const question of questions) {
      for (const excerpt of answer(engine.index, question, { limit: 5 }).excerpts) {
        expect(excerpt.link.startsWith(`${URL_}#:~:text=`)).toBe(true);
        expectTermsInExcerpt(excerpt.link, excerpt.text);
        links++;
      }
    }
    expect(links).toBeGreaterThan(20);
  });
});
