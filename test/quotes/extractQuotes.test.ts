import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/quotes/extractQuotes.js';
import { articleOf, type TestParagraph } from './helpers.js';

const texts = (paragraphs: readonly TestParagraph[]) =>
  extractQuotes(articleOf(paragraphs)).map((span) => span.text);

describe('extractQuotes', () => {
  it('finds curly and straight double quotes without their marks or the trailing comma', () => {
    expect(
      texts(['“We will not retreat,” Kallas said.', '"Europe must wake up," Macron told reporters.']),
    ).toEqual(['We will not retreat', 'Europe must wake up']);
  });

  it('finds a single-quoted headline quote', () => {
    expect(texts(["'I will be ready': Putin says he will meet Trump"])).toEqual(['I will be ready']);
  });

  it('finds a partial quote inside the reporter’s sentence', () => {
    const paragraph =
      'Putin said the “situation is changing dramatically,” as the war approaches its third year.';
    expect(texts([paragraph])).toEqual(['situation is changing dramatically']);
  });

  it('does not take apostrophes for quotation marks', () => {
    expect(
      texts([
        "Putin speaks out claiming he hasn't 'spoken to him at all in over four years', as ITV News' Sam Holder reports",
        'The players’ union said it’s Putin’s problem, not theirs.',
        "Rock ’n’ roll was banned in the ’60s, officials' records show.",
      ]),
    ).toEqual(['spoken to him at all in over four years']);
  });

  it('runs a quotation across paragraphs, skipping furniture, when the next opens with a mark', () => {
    const spans = extractQuotes(
      articleOf([
        'Asked about the war, Putin replied: “I believe that Russia has become much stronger.',
        { furniture: 'Subscribe free to our weekly newsletter. Direct to your inbox every Friday morning.' },
        '"Why? Because we are becoming a truly sovereign country.”',
        '“This is a new quotation,” he added.',
      ]),
    );
    expect(spans.map((span) => [span.text, span.paragraphs])).toEqual([
      [
        'I believe that Russia has become much stronger.\nWhy? Because we are becoming a truly sovereign country.',
        [1, 3],
      ],
      ['This is a new quotation', [4]],
    ]);
  });

  it('follows the convention of reopening each paragraph of a long quotation', () => {
    expect(
      texts(['Kallas said: “The first paragraph.', '“The second paragraph.', '“The last paragraph.”']),
    ).toEqual(['The first paragraph.\nThe second paragraph.\nThe last paragraph.']);
  });

  it('stops an unclosed quotation at its paragraph’s end and reads the next paragraph normally', () => {
    const spans = extractQuotes(
      articleOf(['He said: “This quotation is never closed.', 'Later Jones said “all is well” and left.']),
    );
    expect(spans.map((span) => [span.text, span.closed])).toEqual([
      ['This quotation is never closed.', false],
      ['all is well', true],
    ]);
  });

  it('pairs mismatched mark styles without derailing the rest of the paragraph', () => {
    expect(
      texts([
        '“Curly open, straight close," Smith said. Then “a second one,” he added.',
        '"Straight open, curly close,” Smith said.',
        "'Single open, double close”: Putin says",
        '”Wrong-handed opener,” he said.',
        '“A new opener before the close “cuts the first,” Jones said.',
      ]),
    ).toEqual([
      'Curly open, straight close',
      'a second one',
      'Straight open, curly close',
      'Single open, double close',
      'Wrong-handed opener',
      'A new opener before the close',
      'cuts the first',
    ]);
  });

  it('keeps a nested quotation inside the outer one', () => {
    expect(texts(['“He told me ‘never again’ and left,” Smith said.'])).toEqual([
      'He told me ‘never again’ and left',
    ]);
  });

  it('finds every quotation of a paragraph in order', () => {
    expect(texts(['“One,” Smith said, “two.” Then: "three"'])).toEqual(['One', 'two.', 'three']);
  });

  it('never quotes furniture, and ignores inches, empty quotes and stray closing marks', () => {
    expect(
      texts([
        { furniture: 'Photo: “a caption in quotes” Credit: AP' },
        'He is 6\'2" tall.',
        'An empty “ ” pair, a stray” mark.',
      ]),
    ).toEqual([]);
  });
});
