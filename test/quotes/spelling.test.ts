import { describe, expect, it } from 'vitest';
import { foldSpelling } from '../../src/quotes/spelling.js';

describe('foldSpelling', () => {
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
  ])('folds the British %s and the American %s alike', (british, american) => {
    expect(foldSpelling(british)).toBe(foldSpelling(american));
  });

  it.each([
    ['four', 'for'],
    ['hour', 'her'],
    ['filled', 'filed'],
    ['rise', 'rize'],
    ['genre', 'gener'],
    ['israel', 'isrel'],
    ['does', 'des'],
  ])('keeps %s and %s apart', (one, other) => {
    expect(foldSpelling(one)).not.toBe(foldSpelling(other));
  });

  it('leaves short and ordinary words alone', () => {
    expect(
      ['our', 'your', 'tour', 'are', 'were', 'wise', 'rogue', 'meters', 'every', 'day'].map(foldSpelling),
    ).toEqual(['our', 'your', 'tour', 'are', 'were', 'wise', 'rogue', 'meters', 'every', 'day']);
  });
});
