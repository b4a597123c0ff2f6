import { describe, expect, it } from 'vitest';
import { americanSpelling } from '../../src/text/spelling.js';

describe('americanSpelling', () => {
  it.each([
    ['kilometres', 'kilometers'],
    ['centre', 'center'],
    ['theatre', 'theater'],
    ['emphasise', 'emphasize'],
    ['emphasising', 'emphasizing'],
    ['organisation', 'organization'],
    ['analyse', 'analyze'],
    ['paralysed', 'paralyzed'],
    ['colour', 'color'],
    ['favourite', 'favorite'],
    ['honourable', 'honorable'],
    ['catalogue', 'catalog'],
    ['defence', 'defense'],
    ['licence', 'license'],
    ['travelled', 'traveled'],
    ['counsellor', 'counselor'],
    ['programme', 'program'],
    ['paediatric', 'pediatric'],
    ['anaemia', 'anemia'],
    ['grey', 'gray'],
    ['sceptical', 'skeptical'],
    ['manoeuvre', 'maneuver'],
  ])('spells the British %s as the American %s', (british, american) => {
    expect(americanSpelling(british)).toBe(american);
    expect(americanSpelling(american)).toBe(american);
  });

  // Listed pairs left out: one word would leave its inflections behind ("buses" → "busses" while
  // "bus" stays) or take another word's meaning ("analyses" is also the plural of "analysis").
  it.each([
    ['buses', 'busses'],
    ['gases', 'gasses'],
    ['analyses', 'analyzes'],
    ['tonne', 'ton'],
    ['gauge', 'gage'],
  ])('keeps %s as written rather than make it %s', (word, other) => {
    expect(americanSpelling(word)).toBe(word);
    expect(americanSpelling(word)).not.toBe(americanSpelling(other));
  });

  it('leaves short and ordinary words alone', () => {
    expect(
      ['our', 'your', 'tour', 'are', 'were', 'wise', 'rogue', 'meters', 'every', 'day'].map(americanSpelling),
    ).toEqual(['our', 'your', 'tour', 'are', 'were', 'wise', 'rogue', 'meters', 'every', 'day']);
  });
});
