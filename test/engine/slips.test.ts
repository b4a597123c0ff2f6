import { describe, expect, it } from 'vitest';
import { extraLetter, isSlip, sameStart, twoReplaced } from '../../src/text/slips.js';

describe('the shapes of typing slips', () => {
  it('reads a letter dropped, doubled or swapped as a slip, and a letter replaced as none', () => {
    expect(isSlip('asad', 'assad')).toBe(true); // dropped
    expect(isSlip('trumpp', 'trump')).toBe(true); // doubled
    expect(isSlip('kremiln', 'kremlin')).toBe(true); // swapped
    expect(isSlip('zelenksy', 'zelenskyy')).toBe(true); // swapped, and one dropped
    expect(isSlip('jong', 'jone')).toBe(false); // replaced
    expect(isSlip('putin', 'putin')).toBe(false); // the word itself
  });

  it('tells a doubled letter from another one added', () => {
    expect(extraLetter('admitt', 'admit')).toBe('doubled');
    expect(extraLetter('ruble', 'rule')).toBe('other');
    expect(extraLetter('rule', 'ruble')).toBe('none');
  });

  it('keeps the first letter, save the first two swapped, the first dropped, or c for k', () => {
    expect(sameStart('keir', 'heir')).toBe(false);
    expect(sameStart('hte', 'the')).toBe(true);
    expect(sameStart('ello', 'hello')).toBe(true);
    expect(sameStart('corean', 'korean')).toBe(true);
  });

  it('counts two letters apart replaced as two slips, and one moved beside another as none', () => {
    expect(twoReplaced('starmer', 'started')).toBe(true);
    expect(twoReplaced('jinping', 'jumping')).toBe(true); // side by side, neither moved
    expect(twoReplaced('setbaks', 'setback')).toBe(false); // "c" dropped, "s" added: a letter moved
    expect(twoReplaced('troups', 'troops')).toBe(false); // one replaced
  });
});
