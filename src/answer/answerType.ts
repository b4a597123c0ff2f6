import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';

/** The kind of fact a question asks for, when its wording says: "how many" wants a number. */
export type AnswerType = 'number' | 'time' | 'place';

const ASKS: readonly [RegExp, AnswerType][] = [
  [/\bhow (many|much|old)\b/iu, 'number'],
  [/\b(how long|when|since when|what (day|date|year|month|time))\b/iu, 'time'],
  [/\bwhere\b/iu, 'place'],
];

/** The type of fact the question asks for, if its wording names one. */
export function askedType(question: string): AnswerType | undefined {
  return ASKS.find(([pattern]) => pattern.test(question))?.[1];
}

// wink-nlp's English model recognises dates, durations and numbers; it loads in ~0.2 s, on first use.
let nlp: WinkMethods | undefined;
function loadNlp(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'pos', 'ner']);
  return nlp;
}

const ENTITY_TYPES: Readonly<Record<AnswerType, ReadonlySet<string>>> = {
  number: new Set(['CARDINAL', 'MONEY', 'PERCENT']),
  time: new Set(['DATE', 'TIME', 'DURATION']),
  place: new Set(),
};
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'to', 'from', 'near', 'into', 'across']);

/**
 * Whether the text holds a fact of the type (a number, a date or duration, a place after "in" or
 * "at") that is not just words of the question itself: "how many troops" is not answered by a
 * passage about troops that gives no number.
 */
export function hasAnswerType(text: string, type: AnswerType, questionWords: ReadonlySet<string>): boolean {
  const nlp = loadNlp();
  const { its } = nlp;
  const doc = nlp.readDoc(text);
  const isNew = (value: string) =>
    value
      .toLowerCase()
      .split(/\s+/u)
      .some((word) => word !== '' && !questionWords.has(word));
  if (type === 'place') {
    const words = doc.tokens().out();
    const tags = doc.tokens().out(its.pos);
    return words.some((word, i) => {
      const before = words[i - 1]?.toLowerCase() ?? '';
      const beforeThat = words[i - 2]?.toLowerCase() ?? '';
      const afterPreposition =
        PLACE_PREPOSITIONS.has(before) || (before === 'the' && PLACE_PREPOSITIONS.has(beforeThat));
      return tags[i] === 'PROPN' && afterPreposition && isNew(word);
    });
  }
  const wanted = ENTITY_TYPES[type];
  const entities = doc.entities().out(its.detail) as unknown as { value: string; type: string }[];
  if (entities.some((entity) => wanted.has(entity.type) && isNew(entity.value))) return true;
  // Numbers the model leaves untyped ("100-200-300 meters").
  if (type === 'number') {
    const words = doc.tokens().out();
    return doc
      .tokens()
      .out(its.pos)
      .some((tag, i) => tag === 'NUM' && isNew(words[i] ?? ''));
  }
  return false;
}
