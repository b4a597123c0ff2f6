import type { Citation } from '../answer/citation.js';
import type { AttributionCue } from './attribute.js';
import type { QuoteMatchKind } from './quoteMatcher.js';

/** A direct quotation from the corpus, with everything needed to cite it (paragraphs: more than one when the quotation runs on). */
export interface Quote extends Citation {
  /** `${articleId}:q${hash of its words}`: stable while the quote's words are, whatever else the article changes. */
  readonly id: string;
  /** The quoted words verbatim, without the outer marks; paragraphs joined by a newline. */
  readonly text: string;
  /** The speaker's canonical name, or 'unattributed'. */
  readonly speaker: string;
  /** How the speaker was found, for auditing. */
  readonly cue: AttributionCue;
  /** First paragraphs of later places where the article quotes the same words again (a headline repeated). */
  readonly alsoIn: readonly number[];
}

/** A person (or a named organisation) the corpus quotes or names. */
export interface Speaker {
  /** The fullest form of the name the corpus uses: "Vladimir Putin". */
  readonly name: string;
  /** Every way the corpus refers to them, the name first: "Putin", "the Kremlin leader". */
  readonly aliases: readonly string[];
  readonly quoteCount: number;
}

/** A quote found by a search, with how it matched. */
export interface QuoteHit extends Quote {
  /** 'speaker' when listed because the query named only a speaker. */
  readonly match: QuoteMatchKind | 'speaker';
}

export type QuoteSearchStatus =
  /** `results` holds the matches. */
  | 'found'
  /** Nothing matched; `suggestions` holds the closest quotes, if any share a word with the query. */
  | 'no-match'
  /** The speaker is nobody the corpus names; `knownSpeakers` lists those it quotes, closest first. */
  | 'unknown-speaker'
  /** Neither words nor a speaker were given; `knownSpeakers` lists those the corpus quotes. */
  | 'empty-query';

/** What a quote search found, as plain data for the CLI and the Discord layer to render. */
export interface QuoteSearchResult {
  /** The words searched for, cleaned (may be empty). */
  readonly query: string;
  /** The speaker's canonical name, the name as typed when unknown, or null when none was given. */
  readonly speaker: string | null;
  readonly status: QuoteSearchStatus;
  /** This page of matches, best first. */
  readonly results: readonly QuoteHit[];
  /** All matches, for "More results". */
  readonly total: number;
  readonly suggestions: readonly Quote[];
  readonly knownSpeakers?: readonly string[];
}

/** An autocomplete choice: `name` is shown (≤ 100 characters), `value` is sent back (≤ 100). */
export interface Choice {
  readonly name: string;
  readonly value: string;
}
