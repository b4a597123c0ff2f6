import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchFurniture, parseFurnitureRules } from '../../src/corpus/furnitureRules.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';

const SEED_CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const rulesText = await readFile(new URL('../../corpus/furniture-rules.txt', import.meta.url), 'utf8');
const { rules: bundledRules } = parseFurnitureRules(rulesText);

describe('parseFurnitureRules', () => {
  it('returns the bundled rules with no problems, each labelled by the comment above it', () => {
    const { rules, problems } = parseFurnitureRules(rulesText);

    expect(problems).toEqual([]);
    expect(new Set(rules.map((rule) => rule.label))).toEqual(
      new Set([
        'Newsletter and subscription promotions',
        'Podcast, video and app promotions',
        'Photo and video captions and credits ("… Credit: AP", "Photo: Reuters")',
        '"Read more" and related-story links',
        'Social media calls to action',
      ]),
    );
  });

  it('returns a rule that matches every paragraph it describes when a moderator adds the g flag', () => {
    const { rules, problems } = parseFurnitureRules('# Credits\n/credit:/gi\n');
    const captions = ['Vladimir Putin Credit: AP', 'Credit: Reuters', 'Credit: PA', 'Kremlin Credit: AFP'];

    expect(problems).toEqual([]);
    expect(captions.map((caption) => matchFurniture(caption, rules)?.label)).toEqual([
      'Credits',
      'Credits',
      'Credits',
      'Credits',
    ]);
  });
});

describe('matchFurniture', () => {
  it('returns a rule for exactly the three furniture paragraphs of the seed article', async () => {
    const { articles } = await loadCorpus(SEED_CORPUS);
    const furniture = articles[0]?.paragraphs.filter((paragraph) => paragraph.furniture);

    expect(furniture?.map(({ number, line, text }) => ({ number, line, text }))).toEqual([
      {
        number: 8,
        line: 24,
        text: 'Subscribe free to our weekly newsletter for exclusive and original coverage from ITV News. Direct to your inbox every Friday morning.',
      },
      { number: 14, line: 36, text: 'Vladimir Putin and Donald Trump Credit: AP' },
      {
        number: 22,
        line: 52,
        text: 'Want a quick and expert briefing on the biggest news stories? Listen to our latest podcasts to find out What You Need To Know...',
      },
    ]);
  });

  it.each([
    ['Sign up to our politics newsletter, delivered straight to your inbox.', 'Newsletter'],
    ['Register for our free daily bulletin', 'Newsletter'],
    ['Subscribe to the Today podcast on BBC Sounds', 'Podcast'],
    ['Watch: Putin answers questions at his annual news conference', 'Podcast'],
    ['Download the ITV News app for breaking news alerts', 'Podcast'],
    ['Vladimir Putin at the Kremlin. Photograph: Alexander Zemlianichenko/AP', 'Photo'],
    ['Picture: PA Wire', 'Photo'],
    ['Read more: Who is Bashar al-Assad?', '"Read more"'],
    ['More on this story', '"Read more"'],
    ['Follow ITV News on X for the latest updates', 'Social media'],
  ])('returns a rule for furniture the seed does not contain: %s', (text, label) => {
    expect(matchFurniture(text, bundledRules)?.label).toMatch(new RegExp(`^${label}`));
  });

  it.each([
    'Putin said he would follow the talks closely.',
    'Readers who want to read more about the war can find it online.',
    'He said the bank would extend credit: about $2bn, officials said.',
    'The photo showed Putin and Trump shaking hands.',
    'Ukraine’s newsletter of record, the Kyiv Independent, reported the losses.',
    'Listeners to the podcast said they were shocked.',
    'Related talks were held in Geneva on Friday.',
    'See also the statement from the Kremlin on Thursday.',
    'Follow the money on X, investigators said.',
    'Newsletter subscribers were told on Friday.',
  ])('returns no rule for story text that merely mentions furniture words: %s', (text) => {
    expect(matchFurniture(text, bundledRules)).toBeUndefined();
  });
});

describe('furniture rules a moderator may write', () => {
  it('runs a catastrophic pattern in linear time: /^(a+)+$/ against 50,000 letters returns', () => {
    const { rules, problems } = parseFurnitureRules('/^(a+)+$/');
    expect(problems).toEqual([]);
    // Not JavaScript's backtracking RegExp (with it, the next line would never return).
    expect(rules[0]?.pattern).not.toBeInstanceOf(RegExp);
    // A backtracking engine would not return from this in the age of the universe (the test times out).
    expect(matchFurniture(`${'a'.repeat(50_000)}b`, rules)).toBeUndefined();
    expect(matchFurniture('a'.repeat(50_000), rules)).toBe(rules[0]);
  });

  it('refuses back-references and look-around, which need a backtracking engine, with their line', () => {
    const { rules, problems } = parseFurnitureRules('# fine\n/^credit:/i\n/(a)\\1/\n/(?<=x)y/');
    expect(rules.map((rule) => rule.line)).toEqual([2]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4]);
    expect(problems[0]?.message).toMatch(/RE2 syntax, which has no look-around or back-references/);
  });
});
