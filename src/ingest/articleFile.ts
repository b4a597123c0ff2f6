import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { ArticleMeta } from '../corpus/article.js';

const MAX_SLUG_LENGTH = 60;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Letters that Unicode decomposition does not fold to ASCII.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/**
 * The file name for a new article: `<published>-<slug>.md`, where the slug is the title in lower-case
 * ASCII (diacritics folded, apostrophes dropped, other runs of non-alphanumerics as `-`), cut at a word
 * boundary to at most 60 characters, and `article` when nothing is left.
 */
export function articleFileName(published: string, title: string): string {
  if (!ISO_DATE.test(published))
    throw new Error(`articleFileName: expected a YYYY-MM-DD date, got "${published}"`);
  return `${published}-${slugify(title)}.md`;
}

export function slugify(title: string): string {
  const words = title
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  // A first word longer than the limit is cut rather than dropped.
  if (slug === '' && words[0]) slug = words[0].slice(0, MAX_SLUG_LENGTH);
  return slug === '' ? 'article' : slug;
}

/**
 * The article in the corpus file format: YAML front matter (title, url, publisher, published, byline
 * if any), then one paragraph per blank-line separated block. Values are quoted by the yaml package
 * wherever YAML needs it, so titles with `: `, quotes or `#` read back unchanged.
 */
export function renderArticleFile(meta: ArticleMeta, paragraphs: readonly string[]): string {
  const frontMatter: Record<string, string> = {
    title: meta.title,
    url: meta.url,
    publisher: meta.publisher,
    published: meta.published,
    ...(meta.byline ? { byline: meta.byline } : {}),
  };
  for (const [key, value] of Object.entries(frontMatter)) {
    if (/[\r\n]/.test(value)) throw new Error(`renderArticleFile: ${key} must be one line`);
  }
  for (const paragraph of paragraphs) {
    if (/\n\s*\n/.test(paragraph) || paragraph.trim() === '') {
      throw new Error('renderArticleFile: a paragraph must be non-empty and hold no blank line');
    }
  }
  const yaml = stringify(frontMatter, { lineWidth: 0 });
  return `---\n${yaml}---\n\n${paragraphs.join('\n\n')}\n`;
}

/**
 * Writes `text` to `path` so that the file either does not exist or is complete: the text goes to a
 * hidden temporary file in the same folder (`.name.md.<random>.tmp`, which the corpus loader ignores),
 * is flushed to disk, and is then linked into place, which fails if `path` already exists.
 * Throws an error with code EEXIST rather than overwrite a file.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await linkWithoutOverwriting(temporary, path);
  } finally {
    await unlink(temporary).catch(() => {});
  }
  await syncDirectory(dirname(path));
}

async function linkWithoutOverwriting(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code ?? ''))
      throw error;
    // No hard links on this file system: check, then rename (atomic, but may race another writer).
    if (
      await stat(to).then(
        () => true,
        () => false,
      )
    ) {
      throw Object.assign(new Error(`EEXIST: file already exists, '${to}'`), { code: 'EEXIST', path: to });
    }
    await rename(from, to);
  }
}

/** Makes the new directory entry durable; not every platform can open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}
