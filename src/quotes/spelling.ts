// British and American spellings folded to one form for quote search. The same fold is applied to
// the quotes and to what the user types, so a rule only has to send both spellings of a word to the
// same string without sending two different words there; it need not produce the American spelling.

/** Words no suffix rule covers. */
const IRREGULAR = new Map([
  ['grey', 'gray'],
  ['greys', 'grays'],
  ['tyre', 'tire'],
  ['tyres', 'tires'],
  ['plough', 'plow'],
  ['ploughs', 'plows'],
  ['cheque', 'check'],
  ['cheques', 'checks'],
  ['kerb', 'curb'],
  ['mould', 'mold'],
  ['moult', 'molt'],
  ['smoulder', 'smolder'],
  ['jewellery', 'jewelry'],
  ['aluminium', 'aluminum'],
  ['draught', 'draft'],
  ['draughts', 'drafts'],
  ['storey', 'story'],
  ['storeys', 'stories'],
  ['pyjamas', 'pajamas'],
  ['moustache', 'mustache'],
  ['cosy', 'cozy'],
  ['sceptic', 'skeptic'],
  ['sceptics', 'skeptics'],
  ['sceptical', 'skeptical'],
  ['scepticism', 'skepticism'],
  ['ageing', 'aging'],
  ['judgement', 'judgment'],
  ['judgements', 'judgments'],
  ['acknowledgement', 'acknowledgment'],
  ['manoeuvre', 'maneuver'],
  ['manoeuvres', 'maneuvers'],
  ['manoeuvred', 'maneuvered'],
  ['enrol', 'enroll'],
  ['enrolment', 'enrollment'],
  ['fulfil', 'fulfill'],
  ['instalment', 'installment'],
  ['skilful', 'skillful'],
  ['wilful', 'willful'],
  ['practise', 'practice'],
  ['practised', 'practiced'],
  ['practising', 'practicing'],
  ['practises', 'practices'],
  ['whisky', 'whiskey'],
]);

/** Suffix rules, tried in order; each needs enough of a stem before it to leave short words alone. */
const RULES: readonly (readonly [RegExp, string])[] = [
  // colour, honourable, favourite, behaviours (but not four, hour, your, tour, pour)
  [/^(\p{L}{3,}?)our(s|ed|ing|ite|ites|able|ably|er|ers|ful|fully|less|ism|ist|ists|ise|ize)?$/u, '$1or$2'],
  // centre, kilometres, theatre, fibre, sabre (but not genre, ogre, acre)
  [/^(\p{L}{2,}[tb])re(s|d)?$/u, '$1er$2'],
  // realise, emphasising, organisation (but not rise, wise, prise)
  [/^(\p{L}{3,})is(e|es|ed|ing|ation|ations|er|ers)$/u, '$1iz$2'],
  // analyse, paralysed
  [/^(\p{L}{2,})ys(e|es|ed|ing)$/u, '$1yz$2'],
  // catalogue, dialogues (but not rogue, vogue)
  [/^(\p{L}{3,})ogue(s)?$/u, '$1og$2'],
  // defence, offence, licence, pretence
  [/^(\p{L}*(?:fen|licen|preten))ce(s)?$/u, '$1se$2'],
  // travelled, cancelling, counsellor (but not filled, called, yelled)
  [/^(\p{L}{2,}[aeiou])ll(ed|ing|er|ers|or|ors)$/u, '$1l$2'],
  // programme, kilogrammes
  [/^(\p{L}*gram)me(s)?$/u, '$1$2'],
  // paediatric, anaemia, haemorrhage, foetus (but not Israel, aerial)
  [/^(\p{L}*[^aeiou\P{L}])[ao]e([^aeiou\P{L}]\p{L}{2,})$/u, '$1e$2'],
];

/**
 * One spelling for British and American variants of a folded (lower-case, unaccented) word:
 * "kilometres" and "kilometers", "emphasise" and "emphasize", "colour" and "color" fold alike.
 */
export function foldSpelling(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  for (const [pattern, replacement] of RULES) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}
