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
  /** The unanswerable questions it answered anyway (directly or as related passages). */
  readonly answered: readonly string[];
  /** The unanswerable questions it answered as if the passages answered them. */
  readonly answeredDirect: readonly string[];
}

export interface CaseOutcome {
  readonly question: string;
  readonly rank: number;
  readonly answered: boolean;
  /** Answered as a direct answer (not refused, not offered as related passages). */
  readonly direct: boolean;
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
    outcomes.push({
      question: testCase.question,
      rank,
      answered: retrieval.answered,
      direct: retrieval.answered && retrieval.match !== 'related',
    });
  }
  return {
    metrics: rankingMetrics(
      outcomes.map((outcome) => outcome.rank),
      outcomes.filter((outcome) => !outcome.answered).length,
      lengths,
      outcomes.filter((outcome) => outcome.direct).length,
      outcomes.filter((outcome) => outcome.direct && outcome.rank !== 1).length,
    ),
    outcomes,
  };
}

/** Runs questions the corpus cannot answer and counts how often the retriever abstains. */
export function evaluateAbstention(retriever: Retriever, questions: readonly string[]): AbstentionMetrics {
  const retrievals = questions.map((question) => ({ question, retrieval: retriever(question, K) }));
  const answered = retrievals.filter(({ retrieval }) => retrieval.answered);
  return {
    questions: questions.length,
    accuracy: questions.length === 0 ? 1 : 1 - answered.length / questions.length,
    answered: answered.map(({ question }) => question),
    answeredDirect: answered
      .filter(({ retrieval }) => retrieval.match !== 'related')
      .map(({ question }) => question),
  };
}
