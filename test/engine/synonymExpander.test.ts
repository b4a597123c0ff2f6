import { describe, expect, it } from 'vitest';
import { parseSynonyms } from '../../src/corpus/synonyms.js';
import { analyze } from '../../src/search/analyzer.js';
import { SynonymExpander } from '../../src/search/synonymExpander.js';

const { groups } = parseSynonyms('North Korea, North Korean, Pyongyang\nprime minister, premier, PM\n');
const expander = new SynonymExpander(groups);
const corpusTerms = new Set(analyze('North Korea premier Pyongyang'));
const inCorpus = (term: string) => corpusTerms.has(term);

describe('synonym groups (synonymExpander.ts)', () => {
  it('offers the other phrases of a group the question uses, only those the corpus has', () => {
    const expansion = expander.expand(new Set(analyze('what did the prime minister say')), inCorpus);
    expect(expansion.alternatives).toEqual(['premier']);
    expect(expansion.covered.get(analyze('minister')[0] ?? '')).toEqual(analyze('premier'));
  });

  it("lets a phrase's own words stand for nothing else in it", () => {
    // "north" is no stand-in for "korean": a passage about the north of Miami holds no Korean.
    const expansion = expander.expand(new Set(analyze('north korean troops')), inCorpus);
    const [north = '', korean = ''] = analyze('north korean');
    expect(expansion.covered.get(korean)).not.toContain(north);
    expect(expansion.covered.get(korean)).toEqual(expect.arrayContaining(analyze('korea pyongyang')));
    expect(expansion.covered.get(north)).not.toContain(north);
  });

  it('reads a one-way line one way only: "sit down with" finds "meet", "meet" finds no sitting', () => {
    const { groups: oneWay } = parseSynonyms('sit down with => meet\n');
    const reader = new SynonymExpander(oneWay);
    const terms = new Set(analyze('ready to meet and sit down'));
    const has = (term: string) => terms.has(term);
    const sitting = reader.expand(new Set(analyze('is putin open to sitting down with trump')), has);
    expect(sitting.alternatives).toEqual(['meet']);
    expect(sitting.covered.get(analyze('sit')[0] ?? '')).toEqual(analyze('meet'));
    const meeting = reader.expand(new Set(analyze('will putin meet trump')), has);
    expect(meeting.alternatives).toEqual([]);
    expect(meeting.covered.size).toBe(0);
  });
});
