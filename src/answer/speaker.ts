import { isSpeechVerb } from '../quotes/lexicon.js';
import { analyze, tokenize } from '../search/analyzer.js';

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

/**
 * Whether one of the sentences gives someone's words with a speech verb ("Putin replied",
 * "Trump has denied", "“…,” he said"): the speaker named by one of `speaker` (index terms), or a
 * pronoun that may stand for them.
 */
export function givesWordsOf(sentences: readonly string[], speaker: ReadonlySet<string>): boolean {
  return sentences.some((sentence) => {
    const words = tokenize(sentence).map((token) => token.word);
    if (!words.some(isSpeechVerb)) return false;
    return (
      words.some((word) => PRONOUNS.has(word.toLowerCase())) ||
      analyze(sentence).some((term) => speaker.has(term))
    );
  });
}
