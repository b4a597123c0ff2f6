import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boldRanges,
  choices,
  customId,
  cutAtWord,
  embed,
  escapeText,
  message,
  truncate,
} from '../../src/discord/responses.js';

// Strings built to hurt: mentions, markdown, zalgo, bidi overrides, lone surrogates, emoji, huge runs.
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '<@&123456789012345678>',
    '<#123456789012345678>',
    '**bold** __under__ ~~strike~~ ||spoiler|| `code` ```block```',
    '> quote\n# heading\n- list\n1. item\n-# subtext',
    '[masked](https://example.com)',
    'Z̴̡̛̗̜̹̫̩̲̦͖̞̈́̆̄̓͗̌̓́͝a̸̧̛̘͍̖̘̱͓̓͊̽͒̐̑̕l̵̢̨̦̜̼̥͗̇͗̋̈́̆͘͝g̵̡̛̼̗̯͖̍̀̋̇̈͋͝ǫ̷̨̗̱̗̻̀̀̓̉͌̓͝',
    '\u202Eevil\u202C',
    '\ud800\udc00\ud800',
    '👨‍👩‍👧‍👦'.repeat(40),
  ),
  fc.string({ maxLength: 20 }).map((s) => s.repeat(400)),
);

const codePoints = (text: string) => Array.from(text).length;

describe('escapeText', () => {
  it('never leaves a mention Discord would render', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const out = escapeText(`${a}@everyone${b}<@&1>@here`);
        expect(out).not.toMatch(/@(everyone|here)|<@[!&]?\d|<#\d/);
      }),
    );
  });

  it('escapes markdown so user text shows as typed', () => {
    expect(escapeText('**bold** _it_ `x` > q')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`x\\` > q');
    expect(escapeText('> quote')).toBe('\\> quote');
    expect(escapeText('# heading')).toBe('\\# heading');
  });
});

describe('truncate', () => {
  it('stays within the limit and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 500 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(out.isWellFormed()).toBe(true);
      }),
    );
  });

  it('marks a cut with an ellipsis and leaves short text alone', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});

describe('message', () => {
  it('keeps content ≤ 2,000 and embeds within every limit and the 6,000 total', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.array(fc.tuple(hostile, hostile, hostile, hostile), { maxLength: 14 }),
        (content, parts) => {
          const built = message({
            content: escapeText(content),
            embeds: parts.map(([title, description, author, footer]) =>
              embed({
                title,
                description: escapeText(description),
                author,
                footer,
                url: 'https://example.com',
              }),
            ),
          });
          expect(codePoints(built.content ?? '')).toBeLessThanOrEqual(2000);
          const embeds = built.embeds ?? [];
          expect(embeds.length).toBeLessThanOrEqual(10);
          let total = 0;
          for (const e of embeds) {
            expect(codePoints(e.title ?? '')).toBeLessThanOrEqual(256);
            expect(codePoints(e.description ?? '')).toBeLessThanOrEqual(4096);
            expect(codePoints(e.author?.name ?? '')).toBeLessThanOrEqual(256);
            expect(codePoints(e.footer?.text ?? '')).toBeLessThanOrEqual(2048);
            total +=
              codePoints(e.title ?? '') +
              codePoints(e.description ?? '') +
              codePoints(e.author?.name ?? '') +
              codePoints(e.footer?.text ?? '');
          }
          expect(total).toBeLessThanOrEqual(6000);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('choices', () => {
  it('returns at most 25 choices with names of 1–100 and values of ≤ 100 characters', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostile, hostile), { maxLength: 60 }), (list) => {
        const out = choices(list.map(([name, value]) => ({ name, value: value || 'x' })));
        expect(out.length).toBeLessThanOrEqual(25);
        for (const choice of out) {
          expect(codePoints(choice.name)).toBeGreaterThanOrEqual(1);
          expect(codePoints(choice.name)).toBeLessThanOrEqual(100);
          expect(codePoints(choice.value)).toBeLessThanOrEqual(100);
          expect(choice.value.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('cutAtWord', () => {
  it('cuts at a word boundary with an ellipsis', () => {
    expect(cutAtWord('I will be ready for a meeting if he wants it', 20)).toBe('I will be ready for…');
  });
});

describe('customId', () => {
  it('is never longer than 100 characters', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(customId('ask:more', '3', text).length).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('boldRanges', () => {
  it('bolds the ranges and escapes the rest', () => {
    expect(
      boldRanges('Putin met *Assad*', [
        [0, 5],
        [11, 16],
      ]),
    ).toBe('**Putin** met \\***Assad**\\*');
  });
});
