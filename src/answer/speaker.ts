import { isSpeechVerb } from '../quotes/lexicon.js';
import { analyzeWord, tokenize } from '../search/analyzer.js';

// "What did Trump say about …", "how did Zelenskyy react to …": the question asks for someone's
// words. A passage that mentions them and the subject, but in which they say nothing, does not
// answer it ("what did Mayor Dilworth say at the ceremony": a ceremony in his reception room).
const ASKS_FOR_WORDS =
  /\b(?:what|how)\s+(?:did|does|do|has|have|had|will|would)\s+(.{1,60}?)\s+(?:say|said|says|think|tell|told|claim|claimed|react|reacted|respond|responded|reply|replied|feel|comment|commented|describe|described|characteri[sz]e|characteri[sz]ed)\b/iu;

/** The words naming whose words the question asks for ("what did the kremlin boss say" → kremlin, boss). */
export function askedSpeaker(question: string): string[] {
  const who = ASKS_FOR_WORDS.exec(question)?.[1] ?? '';
  return tokenize(who).map((token) => token.word);
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
): boolean {
  const isSpeaker = (word: string | undefined) => {
    const term = analyzeWord(word ?? '');
    return term !== null && speaker.has(term);
  };
  return sentences.some(({ words, tags }) =>
    words.some((word, i) => {
      // "a report by … Bob Woodward", "according to Kyiv": the words are the speaker's after "by", "to".
      const attributedBy =
        (word.toLowerCase() === 'according' && words[i + 1]?.toLowerCase() === 'to') ||
        (tags[i] === 'NOUN' && isSpeechVerb(word) && words[i + 1]?.toLowerCase() === 'by');
      if (attributedBy) return words.slice(i + 2, i + 2 + BY_REACH).some(isSpeaker);
      if (tags[i] !== 'VERB' || !isSpeechVerb(word)) return false;
      for (let j = Math.max(0, i - NAME_BEFORE); j <= Math.min(words.length - 1, i + NAME_AFTER); j++) {
        const near = words[j] ?? '';
        if (j < i && j >= i - PRONOUN_BEFORE && PRONOUNS.has(near.toLowerCase())) return true;
        if (isSpeaker(near) && !(j < i && afterPreposition(words, tags, j))) return true;
      }
      return false;
    }),
  );
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
