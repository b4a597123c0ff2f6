/** Retrieval quality over a question set; ranks are 1-based, 0 when no passage in the top k matched. */
export interface RankingMetrics {
  readonly questions: number;
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly hitAt5: number;
  readonly mrr: number;
  /** Answerable questions the retriever refused. */
  readonly refused: number;
  /** Answerable questions answered directly (not refused, not offered as related passages). */
  readonly direct: number;
  /**
   * Of those, the ones whose first excerpt does not answer: the reader is told a passage answers
   * what it does not, the outcome a bot that wants trust must avoid most.
   */
  readonly directWrong: number;
  readonly meanExcerptChars: number;
}

export function rankingMetrics(
  ranks: readonly number[],
  refused: number,
  excerptLengths: readonly number[],
  direct = ranks.length - refused,
  directWrong = 0,
): RankingMetrics {
  const n = ranks.length;
  const share = (predicate: (rank: number) => boolean) => (n === 0 ? 0 : ranks.filter(predicate).length / n);
  const mrr = n === 0 ? 0 : ranks.reduce((sum, rank) => sum + (rank > 0 ? 1 / rank : 0), 0) / n;
  const meanExcerptChars =
    excerptLengths.length === 0
      ? 0
      : excerptLengths.reduce((sum, length) => sum + length, 0) / excerptLengths.length;
  return {
    questions: n,
    hitAt1: share((rank) => rank === 1),
    hitAt3: share((rank) => rank > 0 && rank <= 3),
    hitAt5: share((rank) => rank > 0 && rank <= 5),
    mrr,
    refused,
    direct,
    directWrong,
    meanExcerptChars,
  };
}
