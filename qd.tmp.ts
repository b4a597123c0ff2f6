import { brownSample } from './src/eval/brownStory.js';
import { QuoteIndex } from './src/quotes/quoteIndex.js';
const idx = new QuoteIndex([brownSample(process.argv[2]!)]);
for (const q of idx.listQuotes()) console.log(`¶${q.paragraphs.join(',')} [${q.cue}] ${q.speaker} :: ${q.text.slice(0, 70)}`);
