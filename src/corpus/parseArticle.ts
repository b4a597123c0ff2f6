import { isUtf8 } from 'node:buffer';
import { normalizeText } from '../text/normalize.js';
import type { Article, CorpusProblem, Paragraph } from './article.js';
import { splitFrontMatter } from './frontMatter.js';
import { type FurnitureRule, matchFurniture } from './furnitureRules.js';

/**
 * Parses one article file (front matter, then one paragraph per blank-line separated block).
 * Returns the article, or every problem found as file:line.
 */
export function parseArticle(
  file: string,
  bytes: Uint8Array,
  rules: readonly FurnitureRule[],
): { article: Article } | { problems: CorpusProblem[] } {
  const badLine = firstInvalidUtf8Line(bytes);
  if (badLine !== undefined) {
    return { problems: [{ file, line: badLine, message: 'invalid UTF-8: save the file as UTF-8' }] };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const split = splitFrontMatter(text);
  if ('issues' in split) return { problems: split.issues.map((issue) => ({ file, ...issue })) };

  const paragraphs = splitParagraphs(split.bodyLines, split.bodyStartLine, rules);
  if (!paragraphs.some((paragraph) => !paragraph.furniture)) {
    const message = paragraphs.length === 0 ? 'empty body' : 'body has only page furniture';
    return { problems: [{ file, line: split.bodyStartLine - 1, message }] };
  }
  const id = file.replace(/\.md$/, '');
  return { article: { id, file, ...split.meta, paragraphs } };
}

/** Blocks separated by blank lines become paragraphs numbered 1, 2, … with their starting file line. */
export function splitParagraphs(
  lines: readonly string[],
  firstLine: number,
  rules: readonly FurnitureRule[],
): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let block: string[] = [];
  let blockLine = firstLine;
  const flush = () => {
    const text = normalizeText(block.join(' '));
    block = [];
    if (text === '') return;
    const furniture = matchFurniture(text, rules) !== undefined;
    paragraphs.push({ number: paragraphs.length + 1, line: blockLine, text, furniture });
  };
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      flush();
      return;
    }
    if (block.length === 0) blockLine = firstLine + index;
    block.push(line);
  });
  flush();
  return paragraphs;
}

function firstInvalidUtf8Line(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isUtf8(bytes.subarray(start, i))) return line;
      line++;
      start = i + 1;
    }
  }
  return line;
}
