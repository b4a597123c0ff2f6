import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { buildEngine } from '../../src/engine.js';
import { analyzeWord } from '../../src/search/analyzer.js';
import { WordNeighbours, wordVectorsAvailable } from '../../src/text/wordNeighbours.js';
import {
  broaderWordsOf,
  extractSynonyms,
  type PartOfSpeech,
  synonymsOf,
} from '../../src/text/wordnetSynonyms.js';
import {
  DIMENSIONS,
  extractWordVectors,
  readWordVectors,
  WORD_VECTOR_FILE,
  writeWordVectors,
} from '../../src/text/wordVectorFile.js';

// Paraphrases that share no word with the article ("bargaining" for "negotiating"), bridged by word
// vectors built at install (npm ci → npm run vectors). Real vectors, real seed article.
const { index } = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const neighbours = new WordNeighbours((term) => index.hasTerm(term), analyzeWord);

describe('word neighbours', () => {
  it('are built by the install', () => {
    expect(wordVectorsAvailable(), `no word vectors at ${WORD_VECTOR_FILE}: run npm run vectors`).toBe(true);
  });

  it('find the article’s own word for a word it does not use', () => {
    expect(neighbours.of('bargaining')[0]?.word).toBe('negotiating');
    expect(neighbours.of('sheltering').map((neighbour) => neighbour.word)).toContain('refuge');
  });

  it('offer only words the corpus has, closest first', () => {
    const found = neighbours.of('pyongyang');
    expect(found.length).toBeGreaterThan(0);
    for (const { word, term } of found) {
      expect(term).toBe(analyzeWord(word));
      expect(index.hasTerm(term)).toBe(true);
    }
    const similarities = found.map((neighbour) => neighbour.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
  });

  it('are the same whether the corpus’s words were listed ahead in steps or on first use', () => {
    expect(wordVectorsAvailable()).toBe(true); // loads them: steps never read the file
    const prepared = new WordNeighbours((term) => index.hasTerm(term), analyzeWord);
    const steps = prepared.prepareSteps();
    let yields = 0;
    while (!steps.next().done) yields++;
    // The listing gives the event loop turns (each step is a few thousand words of 96,000).
    expect(yields).toBeGreaterThan(10);
    for (const word of ['bargaining', 'sheltering', 'pyongyang', 'toppled'])
      expect(prepared.of(word)).toEqual(neighbours.of(word));
  });

  it('offer nothing for everyday words, unknown words or the corpus’s own', () => {
    // Everyday words have everyday neighbours that say nothing ("going" → "maybe").
    for (const word of ['going', 'the', 'guys', 'zzqxv', '']) expect(neighbours.of(word)).toEqual([]);
  });
});

describe('bridged questions', () => {
  it('find the passage that says it in other words, and are not refused', () => {
    const result = answer(
      index,
      'how did he respond to the idea his bargaining hand is weaker after losses in syria',
    );

    expect(result.answered).toBe(true);
    expect(result.excerpts[0]?.text).toContain('weaker negotiating position');
  });

  it('are searched below the question’s own words', () => {
    // "manage" → "allow" is only related: at full weight, "The annual event allows…" came first.
    const result = answer(index, 'did the russians manage to get to kyiv');
    expect(result.excerpts[0]?.text).toContain('failed to capture the capital Kyiv');
  });

  it('answer directly through a close neighbour, and only offer related passages through a loose one', () => {
    // "nation" → "country" (0.87) means the same; "bargaining" → "negotiating" (0.76) only nearly.
    expect(answer(index, 'why does putin think his nation became stronger').match).toBe('direct');
    expect(answer(index, 'is russia in a worse bargaining spot').match).toBe('related');
  });
});

describe('WordNet synonyms', () => {
  it('are built by the install, by each word’s commonest sense', () => {
    expect(synonymsOf(['talk'])).toContain('speak');
    expect(synonymsOf(['query'])).toContain('question');
    // "hands" is a rare sense of "men": not the same word in most sentences.
    expect(synonymsOf(['man'])).not.toContain('hands');
    expect(synonymsOf(['zzqxv'])).toEqual([]);
  });

  it('find every word of WordNet in the built file, first to last (it is searched by bisection)', () => {
    const extracted = [...extractSynonyms()];
    expect(extracted.length).toBeGreaterThan(40_000);
    const check = ([key, senses]: (typeof extracted)[number]) => {
      const [word = '', pos = 'noun'] = key.split('\t') as [string, PartOfSpeech];
      expect(synonymsOf([word], [pos]), key).toEqual(senses.synonyms);
      expect(broaderWordsOf([word], [pos]), key).toEqual(senses.broader);
    };
    for (let i = 0; i < extracted.length; i += 97)
      check(extracted[i] ?? ['\tnoun', { synonyms: [], broader: [] }]);
    check(extracted.at(-1) ?? ['\tnoun', { synonyms: [], broader: [] }]);
  });

  it('tell a word’s parts of speech apart', () => {
    // To weather a storm is to defy it; the weather is something else.
    expect(broaderWordsOf(['weather'], ['verb'])).toContain('defy');
    expect(broaderWordsOf(['weather'], ['noun'])).not.toContain('defy');
    expect(synonymsOf(['talk'], ['verb'])).toContain('speak');
    expect(synonymsOf(['talk'], ['noun'])).not.toContain('speak');
  });

  it('give what a word’s commonest sense is a kind of', () => {
    expect(broaderWordsOf(['bargain'])).toContain('negotiate');
    expect(broaderWordsOf(['concede'])).toEqual(expect.arrayContaining(['admit', 'acknowledge']));
    expect(broaderWordsOf(['zzqxv'])).toEqual([]);
  });

  it('make a word-vector neighbour close when WordNet says the word is a kind of it', () => {
    // "concede" → "acknowledged" is only a loose neighbour in the vectors (it was related), but to
    // concede is to acknowledge.
    const result = answer(index, 'What did Zelenskyy concede about taking back territory?');
    expect(result).toMatchObject({ answered: true, match: 'direct', missing: ['concede'] });
    expect(result.excerpts[0]?.text).toContain('Zelenskyy acknowledged');
  });

  it('make a verb of the question direct through what it is a way of doing, as the question uses it', () => {
    // To topple is to fall: the article has "the fall of Bashar al-Assad".
    const toppled = answer(index, 'did putin comment on assad being toppled');
    expect(toppled).toMatchObject({ match: 'direct', missing: ['toppled'] });
    expect(toppled.excerpts[0]?.text).toContain('the fall of Bashar al-Assad');
    // To withdraw is to go, or to move: too everyday to stand for it, so only related.
    expect(answer(index, 'did north korea withdraw its troops').match).toBe('related');
    // "Sanctions" is a noun here; a noun's broader words are categories, not stand-ins.
    expect(answer(index, 'what did putin say about the us sanctions').match).toBe('related');
  });

  it('make a question direct when the article says it with a synonym', () => {
    // "queries" is too common for word vectors to bridge; WordNet's "question" is the article's word.
    const result = answer(index, 'can journalists put queries to putin');
    expect(result.match).toBe('direct');
    expect(result.missing).toContain('queries');
    expect(result.excerpts[0]?.text).toContain('ask the Russian president questions');
  });
});

describe('the word vector file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'excerpt-vectors-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const vector = (seed: number) => Array.from({ length: DIMENSIONS }, (_, i) => Math.sin(seed + i));
  // The package's layout: a words list, then "vectors": {"word": [100 values, norm, frequency rank]}.
  const source = join(folder, 'source.json');
  writeFileSync(
    source,
    JSON.stringify({
      words: ['the', 'negotiating', 'U.S.', 'bargaining'],
      vectors: {
        the: [...vector(1), 1, 0],
        negotiating: [...vector(2), 1, 1],
        'U.S.': [...vector(3), 1, 2],
        bargaining: [...vector(2.1), 1, 3],
      },
    }),
  );

  it('keeps lower-case words that say something, as unit vectors, with their index terms', () => {
    const table = extractWordVectors(analyzeWord, source);

    // "the" is too common to bridge anything; "U.S." is not a lower-case word.
    expect(table.words).toEqual(['negotiating', 'bargaining']);
    expect(table.terms).toEqual([analyzeWord('negotiating'), analyzeWord('bargaining')]);
    const first = [...table.vectors.subarray(0, DIMENSIONS)];
    expect(Math.hypot(...first)).toBeCloseTo(127, -1);
  });

  it('reads back what it wrote, and nothing from a missing or damaged file', () => {
    const table = extractWordVectors(analyzeWord, source);
    const file = join(folder, 'vectors.bin');
    writeWordVectors(table, file);

    const read = readWordVectors(file);
    expect(read?.words).toEqual(table.words);
    expect(read?.terms).toEqual(table.terms);
    expect([...(read?.vectors ?? [])]).toEqual([...table.vectors]);

    expect(readWordVectors(join(folder, 'missing.bin'))).toBeUndefined();
    // A file of an earlier format is removed when a new one is written beside it.
    writeFileSync(join(folder, 'excerpt-word-vectors-1.bin'), 'old');
    writeWordVectors(table, join(folder, 'excerpt-word-vectors-2.bin'));
    expect(readdirSync(folder).filter((name) => name.startsWith('excerpt-word-vectors-'))).toEqual([
      'excerpt-word-vectors-2.bin',
    ]);
    const damaged = join(folder, 'damaged.bin');
    writeFileSync(
      damaged,
      `${JSON.stringify({ format: 'excerpt-word-vectors-2', words: ['a'], terms: ['a'] })}\nxy`,
    );
    expect(readWordVectors(damaged)).toBeUndefined();
  });
});
