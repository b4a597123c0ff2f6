import type { AnswerType } from './answerType.js';
import type { Citation } from './citation.js';
import type { Correction } from './correctQuestion.js';
import type { AboutArticles } from './lead.js';
import type { SmallTalk } from './smallTalk.js';

/** A verbatim passage of an article that answers a question, with everything needed to cite it. */
export interface Excerpt extends Citation {
  /** Whole sentences of the article; paragraphs are separated by a newline, cuts marked with "…". */
  readonly text: string;
  /** Character ranges of `text` whose words matched the question, ascending, for highlighting. */
  readonly highlights: readonly (readonly [number, number])[];
  /** The question's words as they appear in this excerpt, lowercased, distinct. */
  readonly matchedWords: readonly string[];
  readonly score: number;
  /** "direct" when the excerpt holds the question's words and the kind of fact it asks for. */
  readonly match?: 'direct' | 'related';
}

/** Why no passage is offered. */
export type AbstainReason =
  | 'empty' // nothing but spaces, punctuation or symbols
  | 'too-long' // longer than the engine accepts
  | 'no-content-words' // only stop words ("what is it about?")
  | 'not-in-corpus' // the question's key words are not in any article
  | 'no-articles' // the library has no articles at all
  | 'small-talk'; // said to the bot, not asked of the articles ("hi bot", "thanks"): see `talk`

/** Why the first passage is only related, when the question's words are there but the answer is not. */
export type RelatedBecause =
  | 'not-their-words' // asked what someone said; in the passage someone else speaks
  | 'did-not-happen' // asked about an event the passage says did not happen
  | 'not-given' // asked for a kind of fact (a number, a date) the passage does not hold
  | 'page-furniture' // asked about a caption or promotion on the page, which is never quoted
  | 'opinion'; // asked what the bot thinks: it has no opinion, only the articles' words

export interface Answer {
  readonly question: string;
  readonly answered: boolean;
  /**
   * For an answered question: "direct" when the first excerpts contain what was asked, "related"
   * when they are only the closest passages (the article talks about the subject but does not say).
   */
  readonly match?: 'direct' | 'related';
  readonly reason?: AbstainReason;
  /** For "small-talk": what kind, so that the reply fits ("hi" is greeted, "thanks" acknowledged). */
  readonly talk?: SmallTalk;
  /** For "small-talk": how many articles the library has (`covers` names the newest). */
  readonly articles?: number;
  /** Excerpts of this page, best first. */
  readonly excerpts: readonly Excerpt[];
  /** How many distinct excerpts matched in all (for "More results"). */
  readonly total: number;
  readonly offset: number;
  /** Words of the question that no article contains. */
  readonly missing: readonly string[];
  /** Words of the question read as others (shorthand, misspellings, people's descriptions), as typed and as read. */
  readonly corrections?: readonly Correction[];
  /**
   * For a question the library does not cover: titles of what it does cover, the articles closest
   * to the question first (or the newest when none is close), so a refusal still helps.
   */
  readonly covers?: readonly string[];
  /** Why the first passage is only related, when a rule says more than "the words are not there". */
  readonly because?: RelatedBecause;
  /** For "not-their-words": whose words were asked for, as the question names them. */
  readonly speaker?: string;
  /** For "not-given": the kind of fact asked for. */
  readonly asks?: AnswerType;
  /**
   * Asked about the articles themselves: what they are about ("tldr": "opening") or who wrote them,
   * when and where ("record"). The excerpts are their openings, newest first.
   */
  readonly about?: AboutArticles;
}
