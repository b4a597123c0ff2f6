import { type AbstentionMetrics, evaluateAbstention, evaluateAnswerable } from './evaluate.js';
import type { RankingMetrics } from './metrics.js';
import type { Retriever } from './retriever.js';
import type { SeedSet } from './seedSet.js';

/**
 * Per style: answerable questions count hits at 1 and 3; unanswerable ones count those not answered
 * directly, and of them those refused outright (the rest were offered as related passages).
 */
export interface StyleResult {
  readonly answerable: boolean;
  questions: number;
  hits1: number;
  hits3: number;
  notDirect: number;
  refused: number;
}

export interface SeedSetResult {
  readonly set: string;
  readonly system: string;
  readonly ranking: RankingMetrics;
  readonly abstention: AbstentionMetrics;
  readonly byStyle: Record<string, StyleResult>;
  /** One line per answerable question not answered first and directly, or unanswerable one answered directly. */
  readonly misses: readonly string[];
}

/** One question set through one retriever: ranking, abstention, and both by style. */
export function evaluateSeedSet(
  set: string,
  system: string,
  retriever: Retriever,
  seed: SeedSet,
): SeedSetResult {
  const { metrics, outcomes } = evaluateAnswerable(retriever, seed.answerable);
  const abstention = evaluateAbstention(
    retriever,
    seed.unanswerable.map((testCase) => testCase.question),
  );
  const byStyle: Record<string, StyleResult> = {};
  const styleOf = (style: string, answerable: boolean): StyleResult => {
    const key = answerable ? style : `un:${style}`;
    byStyle[key] ??= { answerable, questions: 0, hits1: 0, hits3: 0, notDirect: 0, refused: 0 };
    return byStyle[key];
  };
  const misses: string[] = [];
  seed.answerable.forEach((testCase, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    const style = styleOf(testCase.style, true);
    style.questions++;
    if (outcome.rank === 1) style.hits1++;
    if (outcome.rank > 0 && outcome.rank <= 3) style.hits3++;
    const how = !outcome.answered ? 'refused' : outcome.direct ? 'direct' : 'related';
    if (outcome.rank !== 1 || !outcome.direct)
      misses.push(`rank ${outcome.rank} ${how} [${testCase.style}]: ${testCase.question}`);
  });
  const direct = new Set(abstention.answeredDirect);
  const answered = new Set(abstention.answered);
  for (const testCase of seed.unanswerable) {
    const style = styleOf(testCase.style, false);
    style.questions++;
    if (!answered.has(testCase.question)) style.refused++;
    if (direct.has(testCase.question))
      misses.push(`answered unanswerable [${testCase.style}]: ${testCase.question}`);
    else style.notDirect++;
  }
  return { set, system, ranking: metrics, abstention, byStyle, misses };
}
