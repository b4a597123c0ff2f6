import './loadEnv.js';
import { createInterface } from 'node:readline';
import { formatProblem } from '../corpus/article.js';
import { loadCorpus } from '../corpus/loadCorpus.js';
import { checkMessage, type QuoteCheck } from '../quotes/checkQuote.js';
import { QuoteIndex } from '../quotes/quoteIndex.js';
import type { Quote, QuoteSearchResult } from '../quotes/types.js';
import { count } from '../text/plural.js';
import { exitQuietlyWhenPipeCloses } from './closedPipe.js';
import { parseCliArgs, positiveIntegerOption } from './parseCliArgs.js';

const USAGE = `Usage: npm run quote -- [--speaker NAME] [--limit N] [--json] [--corpus DIR] ["words of the quote"]
       npm run quote -- --list [--json]          every quote with its speaker and paragraphs, for auditing
       npm run --silent quote -- --json -        one {"text","speaker"} object per line on stdin, one result per line out
       npm run quote -- --check [--json] "message"  check the quotes in a chat message against the articles
       npm run --silent quote -- --check --json -   one {"text"} message per line on stdin, one {"quotes"} per line out`;

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values, positionals } = parseCliArgs(
    {
      allowPositionals: true,
      options: {
        list: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        speaker: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '10' },
        corpus: { type: 'string', default: process.env.CORPUS_DIR || 'corpus' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    USAGE,
  );
  const limit = positiveIntegerOption('limit', values.limit, USAGE);
  const text = positionals.join(' ');
  const fromStdin = values.json && positionals.length === 1 && positionals[0] === '-';
  const nothingAsked = !values.list && text.trim() === '' && values.speaker === undefined;
  if (values.help || nothingAsked) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const index = await openIndex(values.corpus);
  if (values.list) {
    const quotes = index.listQuotes();
    const speakers = index.speakers();
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ quotes: quotes.map((quote) => ({ ...quoteToJson(quote), cue: quote.cue })), speakers })}\n`
        : renderList(index),
    );
    return 0;
  }
  if (values.check) {
    if (fromStdin) return checkLines(index);
    const checks = checkMessage(index, text);
    process.stdout.write(values.json ? `${JSON.stringify(checksToJson(checks))}\n` : renderChecks(checks));
    return 0;
  }
  if (fromStdin) return searchLines(index, limit);
  const result = index.searchQuotes(
    { text, ...(values.speaker === undefined ? {} : { speaker: values.speaker }) },
    { limit },
  );
  process.stdout.write(values.json ? `${JSON.stringify(resultToJson(result))}\n` : renderResult(result));
  return 0;
}

async function openIndex(dir: string): Promise<QuoteIndex> {
  const corpus = await loadCorpus(dir).catch((error: unknown) => {
    throw new Error(
      `cannot read the corpus folder "${dir}": ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  for (const problem of corpus.problems) console.error(`warning: ${formatProblem(problem)}`);
  return new QuoteIndex(corpus.articles);
}

/** One JSON result per stdin line; a line that is not a {"text","speaker"} object gets an error object. */
function searchLines(index: QuoteIndex, limit: number): Promise<number> {
  return eachJsonLine((line) => resultToJson(index.searchQuotes(parseQueryLine(line), { limit })));
}

/** One {"quotes": […]} line per {"text": "…"} line on stdin; a line that is not one gets an error object. */
function checkLines(index: QuoteIndex): Promise<number> {
  return eachJsonLine((line) => {
    const { text } = parseQueryLine(line);
    if (text === undefined) throw new UsageError('expected a JSON object like {"text": "…"}');
    return checksToJson(checkMessage(index, text));
  });
}

/**
 * Answers each non-empty line of stdin with one JSON line; a line `answer` refuses (UsageError) gets
 * `{"error": "line N: …"}` and makes the exit status 2.
 */
async function eachJsonLine(answer: (line: string) => object): Promise<number> {
  let status = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    if (line.trim() === '') continue;
    try {
      // A byte-order mark (Windows editors write one) is not part of the JSON.
      process.stdout.write(
        `${JSON.stringify(answer(lineNumber === 1 ? line.replace(/^\uFEFF/u, '') : line))}\n`,
      );
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stdout.write(`${JSON.stringify({ error: `line ${lineNumber}: ${error.message}` })}\n`);
      status = 2;
    }
  }
  return status;
}

/** The check as JSON: `speaker` and `quote` are the source's (null when not found). */
function checksToJson(checks: readonly QuoteCheck[]) {
  return {
    quotes: checks.map((check) => ({
      verdict: check.verdict,
      speaker: check.source?.speaker ?? null,
      quote: check.source?.text ?? null,
      matched: check.matched,
      article: check.source?.articleId ?? null,
      title: check.source?.title ?? null,
      link: check.source?.link ?? null,
      paragraphs: check.source?.paragraphs ?? [],
      differences: check.differences,
      claimed: check.claimed,
      claimedSpeaker: check.claimedSpeaker,
    })),
  };
}

const VERDICT_LINES: Record<QuoteCheck['verdict'], string> = {
  verbatim: 'Verbatim: the article has these words.',
  altered: 'Altered: close to a real quote, but not its words.',
  misattributed: 'Misattributed: the words are real, the speaker is not.',
  'not-found': 'Not found in the articles.',
};

function renderChecks(checks: readonly QuoteCheck[]): string {
  const blocks = checks.map((check) => {
    const lines = [`“${check.claimed}”`, `  ${VERDICT_LINES[check.verdict]}`];
    if (check.verdict === 'misattributed' && check.claimedSpeaker)
      lines.push(`  The message says ${check.claimedSpeaker}; the article says ${check.source?.speaker}.`);
    for (const difference of check.differences) lines.push(`  ${describeDifference(difference)}`);
    if (check.source) {
      lines.push(`  Source: “${check.matched ?? check.source.text}” — ${check.source.speaker}`);
      lines.push(`  ${paragraphsLabel(check.source)} · ${check.source.title}`, `  ${check.source.link}`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n') || 'No quote in that message.'}\n`;
}

function describeDifference(difference: QuoteCheck['differences'][number]): string {
  switch (difference.kind) {
    case 'changed':
      return `changed: “${difference.source}” → “${difference.message}”`;
    case 'dropped':
      return `dropped: “${difference.source}”`;
    case 'added':
      return `added: “${difference.message}”`;
    case 'moved':
      return `moved: “${difference.message}”`;
    default:
      return difference.kind satisfies never;
  }
}

function parseQueryLine(line: string): { text?: string; speaker?: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new UsageError('expected a JSON object like {"text": "…", "speaker": "…"}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('expected a JSON object like {"text": "…", "speaker": "…"}');
  }
  const { text, speaker } = value as Record<string, unknown>;
  if (
    (text !== undefined && typeof text !== 'string') ||
    (speaker !== undefined && typeof speaker !== 'string')
  ) {
    throw new UsageError('"text" and "speaker" must be strings');
  }
  return { ...(text === undefined ? {} : { text }), ...(speaker === undefined ? {} : { speaker }) };
}

function quoteToJson(quote: Quote) {
  return {
    id: quote.id,
    speaker: quote.speaker,
    quote: quote.text,
    article: quote.articleId,
    title: quote.title,
    url: quote.url,
    link: quote.link,
    paragraphs: quote.paragraphs,
    alsoIn: quote.alsoIn,
  };
}

function resultToJson(result: QuoteSearchResult) {
  return {
    query: result.query,
    speaker: result.speaker,
    status: result.status,
    total: result.total,
    results: result.results.map((hit) => ({ ...quoteToJson(hit), match: hit.match })),
    suggestions: result.suggestions.map(quoteToJson),
    ...(result.knownSpeakers ? { knownSpeakers: result.knownSpeakers } : {}),
  };
}

function paragraphsLabel(quote: Quote): string {
  const also = quote.alsoIn.length > 0 ? ` (also ¶${quote.alsoIn.join(', ¶')})` : '';
  return `¶${quote.paragraphs.join(', ¶')}${also}`;
}

function renderQuote(quote: Quote, position: number): string {
  return [
    `${position}. “${quote.text.replace(/\n/gu, ' / ')}”`,
    `   — ${quote.speaker} · ${paragraphsLabel(quote)} · ${quote.title} (${quote.publisher}, ${quote.published})`,
    `   ${quote.link}`,
  ].join('\n');
}

function renderResult(result: QuoteSearchResult): string {
  const words = result.query === '' ? '' : ` matching "${result.query}"`;
  const by = result.speaker === null ? '' : ` by ${result.speaker}`;
  const lines: string[] = [];
  if (result.status === 'found') {
    const shown = result.results.length < result.total ? ` (showing ${result.results.length})` : '';
    lines.push(`${count(result.total, 'quote')}${words}${by}${shown}:`, '');
    lines.push(...result.results.map((hit, index) => `${renderQuote(hit, index + 1)}\n`));
  } else if (result.status === 'unknown-speaker') {
    lines.push(`Nobody called "${result.speaker}" is quoted in the corpus.`);
  } else if (result.status === 'empty-query') {
    lines.push('Give some words of the quote, a speaker, or both.');
  } else {
    lines.push(`No quote${words}${by}.`);
  }
  if (result.status !== 'found' && result.suggestions.length > 0) {
    lines.push(
      '',
      'Closest quotes:',
      '',
      ...result.suggestions.map((quote, index) => `${renderQuote(quote, index + 1)}\n`),
    );
  }
  if (result.knownSpeakers && result.knownSpeakers.length > 0) {
    lines.push('', `Speakers quoted: ${result.knownSpeakers.join(', ')}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderList(index: QuoteIndex): string {
  const lines: string[] = [];
  let article = '';
  for (const quote of index.listQuotes()) {
    if (quote.articleId !== article) {
      article = quote.articleId;
      lines.push('', `${quote.articleId} — ${quote.title}`);
    }
    const id = quote.id.slice(quote.articleId.length + 1);
    lines.push(
      `  ${id.padEnd(9)} ${paragraphsLabel(quote).padEnd(16)} ${quote.speaker} [${quote.cue}]`,
      `       “${quote.text.replace(/\n/gu, ' / ')}”`,
    );
  }
  lines.push('', 'Speakers (quotes: aliases):');
  for (const speaker of index.speakers()) {
    lines.push(`  ${speaker.name} (${speaker.quoteCount}): ${speaker.aliases.join(' | ')}`);
  }
  return `${lines.join('\n').trim()}\n`;
}

exitQuietlyWhenPipeCloses();
process.exitCode = await main().catch((error: unknown) => {
  console.error(`quote: ${error instanceof Error ? error.message : String(error)}`);
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
    ? 2
    : 1;
});
