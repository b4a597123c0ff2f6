import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitIntoSentences } from '../../src/text/sentences.js';

/** The sentences as text, the way a reader sees them. */
function sentencesOf(text: string): string[] {
  return splitIntoSentences(text).map((span) => text.slice(span.start, span.end));
}

describe('splitIntoSentences', () => {
  it('returns one sentence per full stop, question mark and exclamation mark', () => {
    expect(sentencesOf('Is it true? Yes! It is.')).toEqual(['Is it true?', 'Yes!', 'It is.']);
  });

  it('does not break after titles such as Mr., Mrs. and Dr.', () => {
    expect(sentencesOf('Mr. Smith met Mrs. Jones and Dr. Who. They talked.')).toEqual([
      'Mr. Smith met Mrs. Jones and Dr. Who.',
      'They talked.',
    ]);
  });

  it('does not break inside abbreviations such as U.S., U.K. and E.U., or after initials', () => {
    expect(sentencesOf('He said the U.S. would respond. The U.K. and the E.U. agreed.')).toEqual([
      'He said the U.S. would respond.',
      'The U.K. and the E.U. agreed.',
    ]);
    expect(sentencesOf('Vladimir V. Putin spoke. Then he left.')).toEqual([
      'Vladimir V. Putin spoke.',
      'Then he left.',
    ]);
  });

  it('does not break inside numbers, ranges and times: 100-200-300, 2.5, 3 p.m.', () => {
    const seed =
      'He continued: “And as I already said, we are not talking about advancing 100-200-300 meters. Our fighters are taking and returning territory in square kilometers. I want to emphasise - every day.”';

    expect(sentencesOf(seed)).toEqual([
      'He continued: “And as I already said, we are not talking about advancing 100-200-300 meters.',
      'Our fighters are taking and returning territory in square kilometers.',
      'I want to emphasise - every day.”',
    ]);
    expect(sentencesOf('Growth was 2.5 per cent at 3 p.m. on Friday. It fell later.')).toEqual([
      'Growth was 2.5 per cent at 3 p.m. on Friday.',
      'It fell later.',
    ]);
  });

  it('keeps a closing quote mark with the sentence it ends', () => {
    const seed =
      '“First of all, I don’t know when we will meet. Because he hasn’t said anything about it. I haven’t spoken to him at all in over four years.” Putin smiled.';

    expect(sentencesOf(seed)).toEqual([
      '“First of all, I don’t know when we will meet.',
      'Because he hasn’t said anything about it.',
      'I haven’t spoken to him at all in over four years.”',
      'Putin smiled.',
    ]);
  });

  it('does not break at a question mark inside a quotation in the middle of a sentence', () => {
    expect(sentencesOf('He asked "Why?" and left. She stayed.')).toEqual([
      'He asked "Why?" and left.',
      'She stayed.',
    ]);
  });

  it('returns offsets into the given text, trimmed of surrounding spaces', () => {
    const text = '  Putin spoke.   Trump listened.  ';
    const spans = splitIntoSentences(text);

    expect(spans).toEqual([
      { start: 2, end: 14 },
      { start: 17, end: 32 },
    ]);
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual([
      'Putin spoke.',
      'Trump listened.',
    ]);
  });

  it('returns no sentence when the text is empty or only spaces', () => {
    expect(splitIntoSentences('')).toEqual([]);
    expect(splitIntoSentences('   ')).toEqual([]);
  });

  it('returns ordered, non-overlapping spans that cover every word of any text', () => {
    const piece = fc.constantFrom(
      'Mr.',
      'U.S.',
      '“Why?',
      'said.”',
      '100-200-300',
      'Putin',
      'a',
      '?',
      '!',
      '...',
      ' ',
      '  ',
      '\u00a0',
      '2.5',
      '😀',
    );
    const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(' '));

    fc.assert(
      fc.property(text, (input) => {
        const spans = splitIntoSentences(input);
        let previousEnd = 0;
        for (const { start, end } of spans) {
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(end).toBeGreaterThan(start);
          expect(input.slice(start, end)).toBe(input.slice(start, end).trim());
          previousEnd = end;
        }
        const covered = spans.map(({ start, end }) => input.slice(start, end)).join('');
        expect(covered.replace(/\s/g, '')).toBe(input.replace(/\s/g, ''));
      }),
      { numRuns: 300 },
    );
  });
});
