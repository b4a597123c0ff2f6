import { type RankingMetrics, rankingMetrics } from './metrics.js';
import type { RetrievedPassage, Retriever } from './retriever.js';

export interface AnswerableCase {
  readonly question: string;
  /** True when a passage answers the question. */
  readonly isAnswer: (passage: RetrievedPassage) => boolean;
}

export interface AbstentionMetrics {
  readonly questions: number;
  /** Share of unanswerable questions on which the retriever abstained. */
  readonly accuracy: number;
  /** The unanswerable questions it answered anyway. */
  readonly answered: readonly string[];
}

export interface CaseOutcome {
  readonly question: string;
  readonly rank: number;
  readonly answered: boolean;
}

const K = 5;

/** Runs every answerable case through the retriever and ranks the first passage that answers it. */
export function evaluateAnswerable(
  retriever: Retriever,
  cases: readonly AnswerableCase[],
): { metrics: RankingMetrics; outcomes: CaseOutcome[] } {
  const outcomes: CaseOutcome[] = [];
  const lengths: number[] = [];
  for (const testCase of cases) {
    const retrieval = retriever(testCase.question, K);
    for (const passage of retrieval.passages) lengths.push(passage.text.length);
    const rank = retrieval.passages.findIndex((passage) => testCase.isAnswer(passage)) + 1;
    outcomes.push({ question: testCase.question, rank, answered: retrieval.answered });
  }
  const refused = outcomes.filter((outcome) => !outcome.answered).length;
  return {
    metrics: rankingMetrics(
      outcomes.map((outcome) => outcome.rank),
      refused,
      lengths,
    ),
    outcomes,
  };
}

/** Runs questions the corpus cannot answer and counts how often the retriever abstains. */
export function evaluateAbstention(retriever: Retriever, questions: readonly string[]): AbstentionMetrics {
  const answered = questions.filter((question) => retriever(question, K).answered);
  return {
    questions: questions.length,
    accuracy: questions.length === 0 ? 1 : 1 - answered.length / questions.length,
    answered,
  };
}
