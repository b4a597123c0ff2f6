import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/engine.js';
import { BROWN_STORIES, brownStory } from '../../src/eval/brownStory.js';
import { evaluateAnswerable } from '../../src/eval/evaluate.js';
import { engineRetriever, peopleOf } from '../../src/eval/retriever.js';
import { loadSeedSet } from '../../src/eval/seedSet.js';
import { evaluateSeedSet } from '../../src/eval/seedSetResult.js';
import { loadXquad } from '../../src/eval/xquad.js';
import { SearchIndex } from '../../src/search/searchIndex.js';

// Gates a little below what `npm run eval` measured, so that a change costing more than a question
// or two fails; beside each, what it measured at the end of the nineteenth session (2026-11-29), when
// the direct shares' gates were raised to follow a change that made more answers direct. "own" was written while building the engine;
// the others blind, by helpers who read only the article: dev sets are tuned on, test and fresh sets
// only reported.
interface Gate {
  readonly file: string;
  readonly answerable: number;
  readonly unanswerable: number;
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly maxRefused: number;
  readonly minDirect: number; // answerable answered directly
  readonly maxUnanswerableDirect: number;
}
// Measured (hit@1, hit@3, refused, direct, unanswerable answered directly) beside each gate.
const GATES: Record<string, Gate> = {
  own: seedGate('seed-questions.json', 62, 18, 0.95, 0.98, 1, 0.92, 1), // 0.984 1.000 0 0.952 0
  dev: seedGate('seed-questions-dev.json', 75, 25, 0.86, 0.92, 2, 0.81, 3), // 0.893 0.947 1 0.840 2
  dev2: seedGate('seed-questions-dev2.json', 60, 25, 0.89, 0.94, 1, 0.8, 4), // 0.917 0.967 0 0.833 3
  // Written blind at the start of the fifth session, before its tuning: tuned on since.
  dev3: seedGate('seed-questions-dev3.json', 60, 25, 0.88, 0.93, 1, 0.8, 2), // 0.917 0.983 0 0.833 2
  // Other verbs than the article's, and false premises (20 + 20 a half).
  'premise dev': seedGate('seed-questions-premise-dev.json', 20, 20, 0.82, 0.82, 1, 0.87, 2), // 0.900 0.900 0 0.900 1
  // A second premise set, written blind in the sixth session in pairs (paraphrase and look-alike
  // twin whose fact the article lacks, 30 + 30): tuned on.
  'premise dev2': seedGate('seed-questions-premise-dev2.json', 30, 30, 0.77, 0.86, 1, 0.77, 9), // 0.833 0.900 0 0.800 5
  'premise test': seedGate('seed-questions-premise-test.json', 20, 20, 0.72, 0.77, 1, 0.87, 8), // 0.800 0.850 0 0.900 7
  test: seedGate('seed-questions-test.json', 75, 25, 0.9, 0.96, 1, 0.75, 4), // 0.920 0.987 0 0.813 3
  // Written blind after the fourth session's tuning, and at the start of the fifth: never tuned on.
  // hit@1 0.883 → 0.850 in the sixth session, when words standing for the question's were searched at
  // a lower weight (dev sets +3 first, the report-only sets +5 in all): gate lowered, said in the note.
  fresh: seedGate('seed-questions-fresh.json', 60, 25, 0.84, 0.9, 2, 0.8, 7), // 0.883 0.950 0 0.833 4
  fresh2: seedGate('seed-questions-fresh2.json', 60, 25, 0.89, 0.97, 1, 0.87, 2), // 0.933 1.000 0 0.900 0
  // Written blind at the start of the sixth session, before its tuning: never tuned on. fresh3 in the
  // chat styles above; wellformed as careful readers ask (40 + 12). At the session's start: fresh3
  // 0.800 0.933 1 0.750 6, wellformed 0.825 0.950 0 0.800 1; beside the gates, at its end.
  fresh3: seedGate('seed-questions-fresh3.json', 60, 25, 0.82, 0.94, 1, 0.75, 5), // 0.850 0.967 0 0.800 3
  wellformed: seedGate('seed-questions-wellformed.json', 40, 12, 0.92, 0.95, 1, 0.84, 1), // 0.975 1.000 0 0.875 0
  // Written blind in the ninth session, in fresh3's styles; first run after that session's first
  // change (a name after a preposition is not a speaker), its figures beside the gate: never tuned on.
  fresh4: seedGate('seed-questions-fresh4.json', 60, 25, 0.8, 0.95, 1, 0.77, 6), // 0.867 1.000 0 0.800 5
  // Written blind at the start of the eleventh session, in fresh3's styles; first run after that
  // session's rules (a whole name is one person; a common word is never read as a name): never tuned on.
  fresh5: seedGate('seed-questions-fresh5.json', 60, 25, 0.8, 0.92, 2, 0.85, 4), // 0.867 0.967 1 0.883 4
  // Written blind at the start of the twelfth session, before any of its changes, first run beside
  // the gates: fresh6 in fresh3's styles, wellformed2 as careful readers ask. Never tuned on.
  fresh6: seedGate('seed-questions-fresh6.json', 60, 25, 0.8, 0.9, 1, 0.78, 5), // 0.867 0.950 0 0.817 4
  wellformed2: seedGate('seed-questions-wellformed2.json', 40, 12, 0.82, 0.92, 1, 0.87, 3), // 0.875 0.975 0 0.900 1
  // Written blind at the start of the thirteenth session (more paraphrase, false premises), first run
  // on the code that session started from: 0.833 0.933 0 0.717 6. Never tuned on.
  fresh7: seedGate('seed-questions-fresh7.json', 60, 25, 0.82, 0.92, 1, 0.73, 6), // 0.867 0.967 0 0.783 5
  // Written blind in the thirteenth session (a "said" style instead of misspelt), first run on the
  // code that session started from: 0.867 0.967 0 0.800 7. Never tuned on.
  fresh8: seedGate('seed-questions-fresh8.json', 60, 25, 0.84, 0.94, 1, 0.78, 4), // 0.867 0.967 0 0.800 3
  // Written blind at the start of the fourteenth session, in fresh3's styles; first run on the code
  // that session started from: 0.883 0.950 0 0.767 4. Never tuned on.
  fresh9: seedGate('seed-questions-fresh9.json', 60, 25, 0.86, 0.94, 1, 0.78, 5), // 0.900 0.983 0 0.817 3
  // Written blind in the fourteenth session, after its rules: people named by role, governments by
  // their capital (40 + 15). On the code the session started from: 0.800 0.925 2 0.450 3.
  fresh10: seedGate('seed-questions-fresh10.json', 40, 15, 0.82, 0.95, 2, 0.54, 5), // 0.900 1.000 0 0.600 4
  // Written blind at the start of the fifteenth session, in fresh3's styles, split by style into a
  // half to tune on and a half only reported. On the code the session started from: dev 0.867 0.900
  // 0 0.700 1, test 0.767 0.900 0 0.667 3.
  'fresh11 dev': seedGate('seed-questions-fresh11-dev.json', 30, 14, 0.83, 0.86, 1, 0.8, 2), // 0.867 0.900 0 0.833 0
  'fresh11 test': seedGate('seed-questions-fresh11-test.json', 30, 11, 0.73, 0.86, 1, 0.67, 4), // 0.767 0.900 0 0.733 3
  // Written blind at the start of the sixteenth session, split the same way; its first run, on the
  // code that session started from: dev 0.867 0.967 0 0.833 1, test 0.800 1.000 0 0.800 1.
  'fresh12 dev': seedGate('seed-questions-fresh12-dev.json', 30, 14, 0.83, 0.93, 1, 0.87, 2), // 0.900 1.000 0 0.900 1
  'fresh12 test': seedGate('seed-questions-fresh12-test.json', 30, 11, 0.76, 0.96, 1, 0.8, 3), // 0.800 1.000 0 0.833 1
  // Written blind at the start of the seventeenth session, split the same way; its first run, on the
  // code that session started from: dev 0.767 0.833 0 0.800 3, test
  // 0.900 0.933 1 0.800 2.
  // Its dev half's direct share fell to 0.733 the same session: three direct answers whose passage was
  // wrong (the photo's credit, the newsletter's day, "how often … take ground") became related.
  'fresh13 dev': seedGate('seed-questions-fresh13-dev.json', 30, 14, 0.76, 0.8, 1, 0.7, 3), // 0.800 0.833 0 0.733 2
  'fresh13 test': seedGate('seed-questions-fresh13-test.json', 30, 11, 0.86, 0.9, 2, 0.8, 3), // 0.900 0.933 1 0.833 2
  // Written blind in the eighteenth session, split the same way; its first run, on the code that
  // session had then (the session changed only how fast the search is, not what it finds): dev 0.767
  // 0.967 0 0.700 0, test 0.800 1.000 0 0.700 3.
  'fresh14 dev': seedGate('seed-questions-fresh14-dev.json', 30, 14, 0.73, 0.93, 1, 0.7, 2), // 0.800 0.967 0 0.767 0
  'fresh14 test': seedGate('seed-questions-fresh14-test.json', 30, 11, 0.76, 0.96, 1, 0.73, 4), // 0.800 1.000 0 0.833 3
  // Written blind at the start of the nineteenth session, split the same way; its first run, on the
  // code that session started from: dev 0.867 0.967 1 0.667 4, test 0.900 0.967 0 0.800 0.
  'fresh15 dev': seedGate('seed-questions-fresh15-dev.json', 30, 14, 0.86, 0.96, 1, 0.77, 4), // 0.900 1.000 0 0.800 3
  'fresh15 test': seedGate('seed-questions-fresh15-test.json', 30, 11, 0.86, 0.93, 1, 0.77, 2), // 0.900 0.967 0 0.800 0
  // Written blind in the nineteenth session after its changes, split the same way; its first run,
  // on that session's last code (862d154): dev 0.900 1.000 0 0.667 3, test 0.867 1.000 0 0.967 4.
  'fresh16 dev': seedGate('seed-questions-fresh16-dev.json', 30, 14, 0.86, 0.96, 1, 0.67, 4), // 0.933 1.000 0 0.700 2
  'fresh16 test': seedGate('seed-questions-fresh16-test.json', 30, 11, 0.83, 0.96, 1, 0.93, 5), // 0.867 1.000 0 0.967 4
  // Written blind late in the nineteenth session (a fact stated in the headline and the body has both
  // spans), split the same way; their first run, on that session's last code (317662d).
  'fresh17 dev': seedGate('seed-questions-fresh17-dev.json', 30, 14, 0.86, 0.96, 1, 0.83, 3), // 0.900 1.000 0 0.900 2
  'fresh17 test': seedGate('seed-questions-fresh17-test.json', 30, 11, 0.9, 0.9, 1, 0.73, 5), // 0.933 0.933 0 0.767 4
  'fresh18 dev': seedGate('seed-questions-fresh18-dev.json', 30, 14, 0.83, 0.9, 3, 0.77, 4), // 0.933 1.000 0 0.833 3
  'fresh18 test': seedGate('seed-questions-fresh18-test.json', 30, 11, 0.9, 0.9, 1, 0.8, 3), // 0.933 0.933 0 0.833 2
  // Written blind at the start of the twentieth session (a fact stated twice given both spans), split
  // the same way; their first run, on the code that session started from (2d72b22): fresh19 dev
  // 0.900 1.000 0 0.867 3, test 0.933 1.000 0 0.867 1; fresh20 dev 0.967 1.000 0 0.833 1, test 0.900
  // 0.967 0 0.767 0.
  'fresh19 dev': seedGate('seed-questions-fresh19-dev.json', 30, 14, 0.86, 0.96, 1, 0.83, 2), // 0.900 1.000 0 0.867 1
  'fresh19 test': seedGate('seed-questions-fresh19-test.json', 30, 11, 0.9, 0.96, 1, 0.83, 2), // 0.933 1.000 0 0.867 1
  'fresh20 dev': seedGate('seed-questions-fresh20-dev.json', 30, 14, 0.93, 0.96, 1, 0.8, 1), // 0.967 1.000 0 0.833 0
  'fresh20 test': seedGate('seed-questions-fresh20-test.json', 30, 11, 0.86, 0.93, 1, 0.73, 1), // 0.900 0.967 0 0.767 0
  // Written blind at the start of the twentieth session with them; first run on the same code.
  'fresh21 dev': seedGate('seed-questions-fresh21-dev.json', 30, 14, 0.9, 0.93, 1, 0.77, 3), // 0.933 0.967 0 0.867 2
  'fresh21 test': seedGate('seed-questions-fresh21-test.json', 30, 11, 0.86, 0.93, 1, 0.83, 4), // 0.900 0.967 0 0.867 3
  // Written blind at the end of the twentieth session (its brief gave no example questions); first
  // run on that session's last code (aa5f0d5).
  'fresh22 dev': seedGate('seed-questions-fresh22-dev.json', 30, 14, 0.9, 0.96, 1, 0.8, 3), // 0.933 1.000 0 0.833 2
  'fresh22 test': seedGate('seed-questions-fresh22-test.json', 30, 11, 0.8, 0.93, 1, 0.77, 1), // 0.833 0.967 0 0.800 0
  // Written blind at the end of the twenty-first session (no example questions in the brief); first
  // run on that session's last code (eec567e). Not tuned on yet.
  'fresh23 dev': seedGate('seed-questions-fresh23-dev.json', 30, 14, 0.8, 0.96, 1, 0.76, 2), // 0.833 1.000 0 0.800 1
  'fresh23 test': seedGate('seed-questions-fresh23-test.json', 30, 11, 0.9, 0.96, 1, 0.83, 2), // 0.933 1.000 0 0.867 1
  'fresh24 dev': seedGate('seed-questions-fresh24-dev.json', 30, 14, 0.9, 0.93, 1, 0.93, 1), // 0.933 0.967 0 0.967 0
  'fresh24 test': seedGate('seed-questions-fresh24-test.json', 30, 11, 0.8, 0.9, 1, 0.66, 2), // 0.833 0.933 0 0.700 1
  // Written blind at the start of the twenty-second session (no example questions in the brief);
  // first run on the twenty-first's last code (f6d22ce).
  'fresh25 dev': seedGate('seed-questions-fresh25-dev.json', 30, 14, 0.9, 0.93, 1, 0.7, 2), // 0.933 0.967 0 0.733 0
  'fresh25 test': seedGate('seed-questions-fresh25-test.json', 30, 11, 0.86, 0.96, 1, 0.76, 2), // 0.900 1.000 0 0.800 1
  'fresh26 dev': seedGate('seed-questions-fresh26-dev.json', 30, 14, 0.93, 0.96, 1, 0.7, 2), // 0.967 1.000 0 0.733 0
  'fresh26 test': seedGate('seed-questions-fresh26-test.json', 30, 11, 0.93, 0.93, 2, 0.83, 2), // 0.967 0.967 1 0.867 1
  // Written blind at the end of the twenty-second session; first run on its code then (fresh27, ebd6ece)
  // and on its last code (fresh28, b9c25e4).
  'fresh27 dev': seedGate('seed-questions-fresh27-dev.json', 30, 14, 0.93, 0.96, 1, 0.83, 2), // 0.967 1.000 0 0.867 0
  'fresh27 test': seedGate('seed-questions-fresh27-test.json', 30, 11, 0.83, 0.96, 1, 0.73, 2), // 0.867 1.000 0 0.767 0
  'fresh28 dev': seedGate('seed-questions-fresh28-dev.json', 30, 14, 0.83, 0.93, 1, 0.6, 2), // 0.867 0.967 0 0.633 0
  'fresh28 test': seedGate('seed-questions-fresh28-test.json', 30, 11, 0.93, 0.96, 1, 0.9, 2), // 0.967 1.000 0 0.933 1
  // Written blind at the start of the seventeenth session as careful readers ask (35 + 10); its first
  // run: 0.857 0.943 0 0.800 4. Never tuned on.
  wellformed3: seedGate('seed-questions-wellformed3.json', 35, 10, 0.82, 0.91, 1, 0.82, 5), // 0.857 0.943 0 0.857 3
  // Written blind at the start of the twentieth session the same way; first run on the code that
  // session started from: 1.000 1.000 0 0.914 0. Never tuned on.
  wellformed4: seedGate('seed-questions-wellformed4.json', 35, 10, 0.97, 0.97, 1, 0.88, 1), // 1.000 1.000 0 0.914 0
  // Written blind at the end of the twentieth session the same way; first run on its last code:
  // 0.971 0.971 0 0.914 0. Never tuned on.
  wellformed6: seedGate('seed-questions-wellformed6.json', 35, 10, 0.94, 0.94, 1, 0.88, 1), // 0.971 0.971 0 0.914 0
  // Written blind with it (50 + 20) to tune on; first run on the same code: 0.920 0.960 0 0.820 5.
  'wellformed5 dev': seedGate('seed-questions-wellformed5-dev.json', 50, 20, 0.9, 0.94, 1, 0.82, 4), // 0.920 0.960 0 0.840 3
};
/** A set's gates: hit@1, hit@3, most refused, least direct share, most unanswerable answered directly. */
type Limits = [number, number, number, number, number];
function seedGate(file: string, answerable: number, unanswerable: number, ...limits: Limits): Gate {
  const [hitAt1, hitAt3, maxRefused, minDirect, maxUnanswerableDirect] = limits;
  return { file, answerable, unanswerable, hitAt1, hitAt3, maxRefused, minDirect, maxUnanswerableDirect };
}
/** A Brown story's half: 15 answerable and 6 unanswerable questions. */
function storyGate(file: string, ...limits: Limits): Gate {
  return seedGate(`brown-questions/${file}`, 15, 6, ...limits);
}
// Two 1961 news stories (Brown Corpus) in a library with the seed article, with question sets
// written blind (15 answerable and 6 unanswerable per half): the seed's rules on text never tuned on.
// Measured with all the stories in one library (the third, the Frankford El story, added later the
// same day: a second piece on city government, which made the first two harder); the figures beside
// the gates are the fifth session's, and the fourth story's (Texas's abandoned property bill, added
// with its blind sets in the eleventh session) own. With it in the library, the Fulton jury's test
// half fell from 0.800 to 0.733 first (one question more answered from another story).
const BROWN_GATES: Record<string, Gate> = {
  'fulton jury, dev': storyGate('brown-ca01-fulton-jury-dev.json', 0.73, 0.8, 1, 0.66, 3), // 0.800 0.867 0 0.800 2
  'fulton jury, test': storyGate('brown-ca01-fulton-jury-test.json', 0.73, 0.73, 1, 0.6, 4), // 0.800 0.800 0 0.667 2
  'eagles coach, dev': storyGate('brown-ca14-eagles-coach-dev.json', 0.4, 0.8, 2, 0.66, 3), // 0.467 0.867 1 0.733 1
  'eagles coach, test': storyGate('brown-ca14-eagles-coach-test.json', 0.53, 0.73, 2, 0.46, 3), // 0.667 0.800 0 0.533 1
  'frankford el, dev': storyGate('brown-ca09-frankford-el-dev.json', 0.8, 0.86, 1, 0.66, 3), // 0.867 0.933 0 0.800 1
  'frankford el, test': storyGate('brown-ca09-frankford-el-test.json', 0.6, 0.8, 1, 0.6, 3), // 0.667 0.867 0 0.667 1
  'abandoned property, dev': storyGate('brown-ca02-abandoned-property-dev.json', 0.8, 0.93, 1, 0.46, 3), // 0.867 1.000 0 0.533 2
  'abandoned property, test': storyGate('brown-ca02-abandoned-property-test.json', 0.66, 0.73, 1, 0.53, 3), // 0.733 0.800 0 0.600 2
};
const XQUAD_HIT_AT_1 = 0.885; // measured 0.899 (0.885 until the eleventh session ranked passages within articles)
// The seed's dev sets pooled (245 answerable), asked of a library of 53 articles (the seed, XQuAD's
// 48, the Brown stories): 0.776 before the eleventh session ranked passages within articles, 0.808 at its end.
const AMONG_OTHERS_HIT_AT_1 = 0.78;
const DEV_SETS = ['dev', 'dev2', 'dev3', 'premise dev', 'premise dev2'] as const;

const XQUAD = fileURLToPath(new URL('../../../shared/data/xquad-en/xquad.en.json', import.meta.url));
const engine = await buildEngine(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const retriever = engineRetriever(engine.index, () => engine.quotes.speakers());

const library = [...engine.corpus.articles, ...BROWN_STORIES.map(brownStory)];
const libraryRetriever = engineRetriever(
  new SearchIndex(library, { synonyms: engine.corpus.synonyms }),
  peopleOf(library),
);

describe.each([
  ...Object.entries(GATES).map(([name, gate]) => [`the ${name} seed questions`, gate, retriever] as const),
  ...Object.entries(BROWN_GATES).map(
    ([name, gate]) => [`the Brown story questions (${name})`, gate, libraryRetriever] as const,
  ),
])('answer quality on %s', async (name, gate, retriever) => {
  const set = await loadSeedSet(fileURLToPath(new URL(`../fixtures/${gate.file}`, import.meta.url)));
  const { ranking, abstention, misses } = evaluateSeedSet(name, 'excerpt', retriever, set);
  const report = misses.join('\n');

  it(`ranks an answer first for at least ${gate.hitAt1}, in the top three for ${gate.hitAt3}`, () => {
    expect(ranking.questions).toBe(gate.answerable);
    expect(ranking.hitAt1, report).toBeGreaterThanOrEqual(gate.hitAt1);
    expect(ranking.hitAt3, report).toBeGreaterThanOrEqual(gate.hitAt3);
  });

  it(`refuses at most ${gate.maxRefused} answerable questions and answers ${gate.minDirect} directly`, () => {
    expect(ranking.refused, report).toBeLessThanOrEqual(gate.maxRefused);
    expect(ranking.direct / ranking.questions, report).toBeGreaterThanOrEqual(gate.minDirect);
  });

  it(`answers at most ${gate.maxUnanswerableDirect} of the unanswerable questions as if it could`, () => {
    expect(abstention.questions).toBe(gate.unanswerable);
    expect(abstention.answeredDirect.length, abstention.answeredDirect.join('\n')).toBeLessThanOrEqual(
      gate.maxUnanswerableDirect,
    );
  });
});

describe('answer quality on XQuAD', () => {
  it(`ranks an answer first for at least ${XQUAD_HIT_AT_1} of the XQuAD questions`, async (context) => {
    if (!existsSync(XQUAD)) context.skip(`XQuAD not found at ${XQUAD}: the XQuAD gate did not run`);
    const xquad = await loadXquad(XQUAD);
    const { metrics } = evaluateAnswerable(
      engineRetriever(new SearchIndex(xquad.articles), peopleOf(xquad.articles)),
      xquad.cases,
    );

    expect(metrics.questions).toBe(1190);
    expect(metrics.hitAt1).toBeGreaterThanOrEqual(XQUAD_HIT_AT_1);
  }, 60_000);

  it(`ranks the seed's dev questions first for ${AMONG_OTHERS_HIT_AT_1} among XQuAD's articles and the Brown stories`, async (context) => {
    if (!existsSync(XQUAD)) context.skip(`XQuAD not found at ${XQUAD}: the gate did not run`);
    const xquad = await loadXquad(XQUAD);
    const articles = [...library, ...xquad.articles];
    const among = engineRetriever(
      new SearchIndex(articles, { synonyms: engine.corpus.synonyms }),
      peopleOf(articles),
    );
    const cases = [];
    for (const name of DEV_SETS) {
      const set = await loadSeedSet(
        fileURLToPath(new URL(`../fixtures/${GATES[name]?.file}`, import.meta.url)),
      );
      cases.push(...set.answerable);
    }
    const { metrics } = evaluateAnswerable(among, cases);

    expect(articles).toHaveLength(53);
    expect(metrics.questions).toBe(245);
    expect(metrics.hitAt1).toBeGreaterThanOrEqual(AMONG_OTHERS_HIT_AT_1);
  }, 60_000);
});
