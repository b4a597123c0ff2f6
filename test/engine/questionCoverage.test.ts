import { describe, expect, it } from 'vitest';
import { QuestionCoverage } from '../../src/search/questionCoverage.js';

// A window's coverage: each question word its sentences matched, at the best weight they matched it.
describe('question coverage', () => {
  // "lady gaga sing": "sing" stands for itself (1) and, by prefix, "singer" (0.4); an alternative
  // word stands beside them at its own weight.
  const weights = new Map([
    ['ladi', 1],
    ['gaga', 1],
    ['sing', 1],
    ['singer', 0.4],
    ['vocal', 0.5],
  ]);
  const wordOf = new Map([
    ['ladi', 0],
    ['gaga', 1],
    ['sing', 2],
    ['singer', 2],
    ['vocal', 3],
  ]);
  const coverage = new QuestionCoverage(weights, wordOf);
  const mask = (...terms: string[]) => terms.reduce((bits, term) => (bits | coverage.bitOf(term)) >>> 0, 0);

  it('counts each question word once, at the best weight a window matched it', () => {
    expect(coverage.weightOf(mask('sing'))).toBe(1);
    expect(coverage.weightOf(mask('singer'))).toBeCloseTo(0.4, 12);
    expect(coverage.weightOf(mask('sing', 'singer'))).toBe(1);
    expect(coverage.weightOf(mask('ladi', 'gaga', 'singer'))).toBeCloseTo(2.4, 12);
    expect(coverage.weightOf(mask('ladi', 'gaga', 'sing', 'vocal'))).toBeCloseTo(3.5, 12);
    expect(coverage.most).toBeCloseTo(3.5, 12);
  });

  it('weighs a window that matched no counted word 1, so that it still scores', () => {
    expect(coverage.weightOf(0)).toBe(1);
    expect(coverage.bitOf('unknown')).toBe(0);
  });

  it('counts the first sixteen words of a long question, and every sum of them', () => {
    const long = new Map(Array.from({ length: 20 }, (_, i) => [`w${i}`, 1 + i / 100] as const));
    const positions = new Map(Array.from({ length: 20 }, (_, i) => [`w${i}`, i] as const));
    const wide = new QuestionCoverage(long, positions);
    expect(wide.bitOf('w16')).toBe(0);
    expect(wide.bitOf('w15')).not.toBe(0);
    let all = 0;
    let expected = 0;
    for (let i = 0; i < 16; i++) {
      all = (all | wide.bitOf(`w${i}`)) >>> 0;
      expected += 1 + i / 100;
      expect(wide.weightOf(all)).toBeCloseTo(expected, 12);
    }
    expect(wide.most).toBeCloseTo(expected, 12);
  });
});
