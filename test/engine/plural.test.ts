import { describe, expect, it } from 'vitest';
import { count } from '../../src/text/plural.js';

describe('counts in messages', () => {
  it('say "1 article" and "2 articles", never "article(s)"', () => {
    expect(count(1, 'article')).toBe('1 article');
    expect(count(0, 'article')).toBe('0 articles');
    expect(count(2, 'more passage')).toBe('2 more passages');
    expect(count(1, 'history entry', 'history entries')).toBe('1 history entry');
    expect(count(3, 'history entry', 'history entries')).toBe('3 history entries');
    expect(count(12_345, 'passage')).toBe('12,345 passages');
  });
});
