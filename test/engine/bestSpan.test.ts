import { describe, expect, it } from 'vitest';
import { withAntecedent } from '../../src/answer/bestSpan.js';
import type { Sentence } from '../../src/search/chunk.js';

// Sentences of the seed article (¶11–13 and ¶19), one paragraph each as there.
const TEXTS = [
  'In response to a question on how Moscow’s full-scale invasion of Ukraine was going, Putin said the “situation is changing dramatically,” as the war approaches its third year.',
  '“Movement is going on along the entire front line, every day.”',
  'He continued: “And as I already said, we are not talking about advancing 100-200-300 meters.',
  '“I haven’t met with President Assad since his arrival in Moscow, but I plan to do so, I will definitely talk to him,” Putin said.',
  '“I will definitely talk to him,” he said.',
];
const sentences: Sentence[] = TEXTS.map((text, paragraph) => ({
  paragraph,
  start: 0,
  end: text.length,
  text,
}));

describe('withAntecedent', () => {
  it('begins a run that opens on a pronoun or on a quotation nobody is named beside at the sentence naming someone', () => {
    expect(withAntecedent(sentences, { first: 2, last: 2 }, 500)).toEqual({ first: 0, last: 2 });
    expect(withAntecedent(sentences, { first: 1, last: 2 }, 500)).toEqual({ first: 0, last: 2 });
    // “…,” he said: the pronoun names nobody either; the nearest name is Putin's, a sentence back.
    expect(withAntecedent(sentences, { first: 4, last: 4 }, 500)).toEqual({ first: 3, last: 4 });
  });

  it('leaves a run whose opening quotation is attributed in its sentence, or whose antecedent would not fit', () => {
    expect(withAntecedent(sentences, { first: 3, last: 3 }, 500)).toEqual({ first: 3, last: 3 });
    expect(withAntecedent(sentences, { first: 1, last: 2 }, 200)).toEqual({ first: 1, last: 2 });
  });
});
