import { isSpeechVerb } from '../quotes/lexicon.js';
import { analyzeWord, tokenize } from '../search/analyzer.js';

// "What did Trump say about …", "how did Zelenskyy react to …": the question asks for someone's
// words. A passage that mentions them and the subject, but in which they say nothing, does not
// answer it ("what did Mayor Dilworth say at the ceremony": a ceremony in his reception room).
const SPEECH =
  '(?:say|said|says|saying|think|tell|told|claim|claimed|react|reacted|respond|responded|reply|replied|feel|comment|commented|describe|described|characteri[sz]e|characteri[sz]ed)';
const ASKS_FOR_WORDS = new RegExp(
  `\\b(?:what|how)\\s+(?:did|does|do|has|have|had|will|would)\\s+(.{1,60}?)\\s+${SPEECH}\\b`,
  'iu',
);
// "Did Putin say anything about…", "has Trump responded": whether they said something, asked first.
const ASKS_WHETHER = new RegExp(
  `^\\W*(?:(?:so|and|but|ok|okay|wait)\\s+)?(?:did|does|do|has|have|had)\\s+(.{1,60}?)\\s+${SPEECH}\\b`,
  'iu',
);

/** Whose words the question asks for, as its words ("what did the kremlin boss say" → kremlin, boss). */
export interface AskedSpeaker {
  readonly who: readonly string[];
  /** Asked whether they said anything, not what: "he hasn't said anything" answers it. */
  readonly whether: boolean;
}

export function askedSpeaker(question: string): AskedSpeaker {
  const what = ASKS_FOR_WORDS.exec(question)?.[1];
  const whether = what === undefined ? ASKS_WHETHER.exec(question)?.[1] : undefined;
  return { who: tokenize(what ?? whether ?? '').map((token) => token.word), whether: whether !== undefined };
}

const PRONOUNS = new Set(['he', 'she', 'they']);
// How far from its verb a speaker stands: "Putin said", "said Putin", "Trump has denied", "Zelenskyy
// acknowledged", "Putin made his first comments"; a pronoun only just before ("he said", "he has said").
const NAME_BEFORE = 4;
const NAME_AFTER = 2;
const PRONOUN_BEFORE = 2;
// "a report by veteran journalist Bob Woodward": the name within this many words of "by".
const BY_REACH = 4;

/**
 * Whether one of the sentences (words and parts of speech) gives someone's words: a speech verb used
 * as a verb, with the speaker (one of `speaker`, index terms) next to it, or a pronoun just before it
 * that may stand for them. Naming the speaker elsewhere in the sentence is not enough ("I haven't met
 * with President Assad," Putin said: Putin speaks, not Assad).
 */
export function givesWordsOf(
  sentences: readonly { words: readonly string[]; tags: readonly string[] }[],
  speaker: ReadonlySet<string>,
  whether = false,
): boolean {
  const isSpeaker = (word: string | undefined) => {
    const term = analyzeWord(word ?? '');
    return term !== null && speaker.has(term);
  };
  // Whether the speaker was named before, in this sentence or an earlier one: a pronoun may stand for them.
  let named = false;
  for (const [s, { words, tags }] of sentences.entries()) {
    for (const [i, word] of words.entries()) {
      if (isSpeaker(word)) named = true;
      // "a report by … Bob Woodward", "according to Kyiv": the words are the speaker's after "by", "to".
      const attributedBy =
        (word.toLowerCase() === 'according' && words[i + 1]?.toLowerCase() === 'to') ||
        (tags[i] === 'NOUN' && isSpeechVerb(word) && words[i + 1]?.toLowerCase() === 'by');
      if (attributedBy) {
        if (words.slice(i + 2, i + 2 + BY_REACH).some(isSpeaker)) return true;
        continue;
      }
      if (tags[i] !== 'VERB' || !isSpeechVerb(word)) continue;
      // Asked whether someone said anything, "he hasn't said anything about it" answers: the pronoun
      // may stand before the verb's auxiliaries and negation. It must stand for the speaker: named
      // before it in the excerpt, or, in the excerpt's first sentence, perhaps just before the
      // excerpt ("He continued: …"); not someone else named there first.
      const reach = PRONOUN_BEFORE + (whether ? auxiliariesBefore(tags, i) : 0);
      const antecedent =
        !whether || named || (s === 0 && !words.slice(0, i).some((_word, k) => tags[k] === 'PROPN'));
      // The speaker stands after the verb only where a quote or clause ends before it ("…,” said
      // Putin"): in "Kyiv has said North Korean troops…" the name after it is what was said.
      const after = i === 0 || tags[i - 1] === 'PUNCT' ? NAME_AFTER : 0;
      for (let j = Math.max(0, i - NAME_BEFORE); j <= Math.min(words.length - 1, i + after); j++) {
        const near = words[j] ?? '';
        if (j < i && j >= i - reach && antecedent && PRONOUNS.has(near.toLowerCase())) return true;
        if (
          isSpeaker(near) &&
          !(j < i && afterPreposition(words, tags, j)) &&
          !(j > i && !titledAfter(words, i, j))
        )
          return true;
      }
    }
  }
  return false;
}

/**
 * Whether only capitalised words (a title: "said President Putin") stand between the verb and the
 * name after it: in "Asked whether Russia would…" Russia is what was asked about, not who asked.
 */
function titledAfter(words: readonly string[], verb: number, at: number): boolean {
  for (let k = verb + 1; k < at; k++) if (!/^\p{Lu}/u.test(words[k] ?? '')) return false;
  return true;
}

/**
 * Whether the name at `at` (with any name words before it) follows a preposition: "his relationship
 * with Trump claiming…" is Putin claiming, not Trump.
 */
function afterPreposition(words: readonly string[], tags: readonly string[], at: number): boolean {
  let start = at;
  while (start > 0 && tags[start - 1] === 'PROPN') start--;
  return tags[start - 1] === 'ADP' && words[start - 1]?.toLowerCase() !== 'by';
}

/** How many auxiliaries, negations and adverbs stand right before the verb: "he has n’t said", "she would never say". */
function auxiliariesBefore(tags: readonly string[], verb: number): number {
  let count = 0;
  while (['AUX', 'PART', 'ADV'].includes(tags[verb - 1 - count] ?? '')) count++;
  return count;
}
