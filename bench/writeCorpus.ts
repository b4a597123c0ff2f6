import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadXquad } from '../src/eval/xquad.js';
import { renderArticleFile } from '../src/ingest/articleFile.js';
import { brownArticles } from './brownCorpus.js';
import { createRandom } from './generateCorpus.js';

// `npm run bench:corpus -- --size 10000 --out DIR`: writes the corpus `npm run bench:quality` measures
// at that size (XQuAD's 48 articles among Brown Corpus pieces, the same seed) as article files, to
// time `npm run ask -- --corpus DIR` and refreshes on it.
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    out: { type: 'string' },
    xquad: { type: 'string', default: '../shared/data/xquad-en/xquad.en.json' },
    seed: { type: 'string', default: '1' },
  },
});
if (!values.out) {
  console.error('Usage: npm run bench:corpus -- --size N --out DIR [--xquad PATH] [--seed N]');
  process.exit(2);
}
const xquad = await loadXquad(values.xquad);
const size = Number(values.size);
const articles = [
  ...xquad.articles,
  ...brownArticles(Math.max(0, size - xquad.articles.length), createRandom(Number(values.seed))),
].slice(0, size);
await mkdir(values.out, { recursive: true });
for (const article of articles) {
  const text = renderArticleFile(
    article,
    article.paragraphs.map((paragraph) => paragraph.text),
  );
  await writeFile(join(values.out, `${article.id.replace(/[^\w.-]+/gu, '_')}.md`), text);
}
console.log(`Wrote ${articles.length} articles to ${values.out}.`);
