import { describe, expect, it } from 'vitest';
import { evaluateAnswerable } from '../../src/eval/evaluate.js';
import type { RetrievedPassage, Retriever } from '../../src/eval/retriever.js';

// A retriever answering from a fixed list of replies, to check how outcomes are counted.
function replying(replies: Record<string, { texts: string[]; match?: 'direct' | 'related' }>): Retriever {
  return (question) => {
    const reply = replies[question];
    const passages: RetrievedPassage[] = (reply?.texts ?? []).map((text) => ({
      articleId: 'a',
      paragraphs: [1],
      text,
    }));
    return { answered: passages.length > 0, passages, ...(reply?.match ? { match: reply.match } : {}) };
  };
}

describe('evaluateAnswerable', () => {
  it('counts direct answers whose first excerpt does not answer apart from the rest', () => {
    const retriever = replying({
      right: { texts: ['the answer'], match: 'direct' },
      second: { texts: ['something else', 'the answer'], match: 'direct' },
      hedged: { texts: ['something else', 'the answer'], match: 'related' },
      refused: { texts: [] },
    });
    const cases = ['right', 'second', 'hedged', 'refused'].map((question) => ({
      question,
      isAnswer: (passage: RetrievedPassage) => passage.text === 'the answer',
    }));
    const { metrics } = evaluateAnswerable(retriever, cases);
    expect(metrics.direct).toBe(2);
    expect(metrics.directWrong).toBe(1);
    expect(metrics.refused).toBe(1);
    expect(metrics.hitAt1).toBe(0.25);
    expect(metrics.hitAt3).toBe(0.75);
  });
});
