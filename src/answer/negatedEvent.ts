import { isSpeechVerb } from '../quotes/lexicon.js';
import { analyzeWord, tokenize } from '../search/analyzer.js';
import { verbLemma } from '../text/lemmatizer.js';

// "When did Russia capture Kyiv?", "what did Putin and Assad discuss when they met": a wh-question
// takes its event as given. A passage that holds the event only as something that did not happen
// ("Russian forces failed to capture the capital Kyiv", "I haven't met with President Assad")
// answers a yes/no question, not this one: it is the closest passage, not the answer. Only verbs
// name events here: an event named by a noun ("how did their meeting go") is not checked (no dev
// question asked one).

// Opening words a chat question may start with before its wh-word.
const WH_QUESTION =
  /^\W*(?:(?:so|ok|okay|and|but|wait|hey|yo|ngl|tbh|idk|lol|like|um|uh)\W+)*(?:what|when|where|why|how|who|whom|whose|which)\b/iu;
// A question that is itself negative, asks since when or whether yet ("how long since they last
// spoke" is answered by "I haven't spoken to him in four years"), or asks about what will or may
// happen ("when will Putin meet Assad": "I haven't met … but I plan to"), does not take its event
// as having happened.
const NOT_GIVEN =
  /\b(?:not|no|never|nor|cannot|\w+n['’]t|dont|doesnt|didnt|hasnt|havent|hadnt|cant|couldnt|wont|wouldnt|isnt|arent|wasnt|werent|fail\w*|den(?:y|ies|ied)|refus\w*|declin\w*|without|yet|still|last|since|ever|instead|will|would|shall|should|could|can|may|might|gonna|going to|plan\w*|\w+['’]ll)\b/iu;
// Verbs that name no event of their own ("did it take", "what did they do", "how did it go").
const LIGHT_VERBS = new Set([
  'be',
  'have',
  'do',
  'get',
  'go',
  'make',
  'take',
  'let',
  'come',
  'give',
  'know',
  'think',
  'want',
  'see',
  'happen',
  'mean',
  'use',
  'need',
  'try',
  'seem',
  'look',
]);
// Words that put what follows them out of fact: "not", "haven't", "failed to", "refused to".
const NEGATING_WORDS =
  'not|never|no|nor|cannot|neither|failed|fails|fail|refused|refuses|declined|declines|unable';
// One of them as a word of its own, or a contraction ending in "n't".
const NEGATOR = new RegExp(`^(?:${NEGATING_WORDS}|\\p{L}+n['’]t)$`, 'iu');
// Any of them anywhere in a text: the quick test before the question is tagged.
const ANY_NEGATOR = new RegExp(`\\b(?:${NEGATING_WORDS})\\b|n['’]t\\b`, 'iu');
// How far before the verb its negation may stand: "haven't met", "failed to capture", "has not yet met".
const NEGATION_REACH = 3;

/**
 * The question's event verbs, as the words it uses ("capture", "met"), when it is a wh-question that
 * takes them as given; none otherwise. `tags` are the question's words' parts of speech.
 */
export function givenEvents(question: string, tags: () => ReadonlyMap<string, string>): string[] {
  if (!WH_QUESTION.test(question) || NOT_GIVEN.test(question)) return [];
  const words = tokenize(question).map((token) => token.word.toLowerCase());
  // "What did Putin say about advancing 100 meters": what someone said is asked, not whether it happened.
  if (words.some((word) => isSpeechVerb(word))) return [];
  return words.filter((word) => tags().get(word) === 'VERB' && !LIGHT_VERBS.has(verbLemma(word)));
}

/** Whether the text has a word that negates anything: only then is the question tagged to see what it asks. */
export function mayNegate(text: string): boolean {
  return ANY_NEGATOR.test(text);
}

/**
 * Whether the text holds one of the event's index terms (`forms`), and only under a negation: every
 * time it says it, something within a few words before says it did not happen.
 */
export function onlyNegates(text: string, forms: ReadonlySet<string>): boolean {
  const words = tokenize(text).map((token) => token.word);
  let said = false;
  for (const [i, word] of words.entries()) {
    const term = analyzeWord(word);
    if (term === null || !forms.has(term)) continue;
    said = true;
    if (!words.slice(Math.max(0, i - NEGATION_REACH), i).some((before) => NEGATOR.test(before))) return false;
  }
  return said;
}
