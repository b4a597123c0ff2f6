import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import { escapeMarkdown } from 'discord.js';
import { DISCORD_LIMITS as LIMITS } from './limits.js';

/**
 * The only place that escapes and truncates what the bot sends. Everything a handler replies with is
 * built here, so no corpus text or user input can ping anyone, inject markdown, or break a limit.
 */

/** A reply as plain data; the gateway adapter (or an HTTP endpoint) turns it into Discord's JSON. */
export interface BotMessage {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly APIActionRowComponent<APIButtonComponent>[];
  readonly ephemeral?: boolean;
}

export interface Choice {
  readonly name: string;
  readonly value: string;
}

const MAX_ESCAPED = 8000;

/** Sent with every message: parse no mentions, so nothing the bot says pings anyone. */
export const NO_MENTIONS = Object.freeze({ parse: [] as [] });

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Cuts text to at most `max` UTF-16 units (never more code points than Discord counts), at a
 * grapheme boundary where possible, ending in "…" when cut. Also repairs broken surrogates.
 */
export function truncate(text: string, max: number): string {
  const clean = text.toWellFormed();
  if (clean.length <= max) return clean;
  let out = '';
  for (const { segment } of graphemes.segment(clean)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  // A single huge grapheme (zalgo) would leave nothing: fall back to code points.
  if (out === '')
    out = Array.from(clean).reduce((acc, ch) => (acc.length + ch.length <= max - 1 ? acc + ch : acc), '');
  return `${out}…`;
}

/**
 * Escapes user or corpus text for display: markdown (including headings, lists, block quotes and
 * masked links) and mentions (`@everyone`, `@here`, `<@id>`, `<@&id>`, `<#id>`) are shown as text.
 */
export function escapeText(text: string): string {
  // Nothing Discord shows is longer than 6,000 characters, and escaping slows down on huge input.
  const cut = truncate(text, MAX_ESCAPED);
  // Bold, italic and underline act only on * and _; their patterns look back over the whole text at
  // every position, so text without either (most passages) skips them.
  const emphasis = /[*_]/.test(cut);
  const markdown = escapeMarkdown(cut, {
    bold: emphasis,
    italic: emphasis,
    underline: emphasis,
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return markdown
    .replace(/^(\s*)(>|-#)/gm, '$1\\$2')
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#|\/)/g, '<\u200b$1');
}

/** Text with the given ranges in bold; each piece is escaped on its own. */
export function boldRanges(text: string, ranges: readonly (readonly [number, number])[]): string {
  let out = '';
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (start < cursor || end <= start) continue;
    out += escapeText(text.slice(cursor, start));
    out += `**${escapeText(text.slice(start, end))}**`;
    cursor = end;
  }
  return (out + escapeText(text.slice(cursor))).replace(/\*\*(\s*)\*\*/g, '$1');
}

export interface EmbedInput {
  readonly title?: string;
  readonly url?: string;
  /** Already escaped (see escapeText/boldRanges): only truncated here. */
  readonly description?: string;
  readonly author?: string;
  readonly footer?: string;
  readonly fields?: readonly { name: string; value: string; inline?: boolean }[];
  readonly color?: number;
}

/** An embed within every per-field limit. Title, author and footer are plain text (embeds don't render markdown there). */
export function embed(input: EmbedInput): APIEmbed {
  return {
    ...(input.title ? { title: truncate(input.title, LIMITS.embedTitle) } : {}),
    ...(input.url && input.url.length <= 2048 ? { url: input.url } : {}),
    ...(input.description ? { description: truncate(input.description, LIMITS.embedDescription) } : {}),
    ...(input.author ? { author: { name: truncate(input.author, LIMITS.authorName) } } : {}),
    ...(input.footer ? { footer: { text: truncate(input.footer, LIMITS.footerText) } } : {}),
    ...(input.fields
      ? {
          fields: input.fields.slice(0, LIMITS.embedFields).map((field) => ({
            name: truncate(field.name || '\u200b', LIMITS.fieldName),
            value: truncate(field.value || '\u200b', LIMITS.fieldValue),
            ...(field.inline ? { inline: true } : {}),
          })),
        }
      : {}),
    ...(input.color !== undefined ? { color: input.color } : {}),
  };
}

function embedLength(value: APIEmbed): number {
  return (
    (value.title?.length ?? 0) +
    (value.description?.length ?? 0) +
    (value.author?.name.length ?? 0) +
    (value.footer?.text.length ?? 0) +
    (value.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** A message within Discord's limits: content ≤ 2,000, ≤ 10 embeds totalling ≤ 6,000 characters. */
export function message(input: BotMessage): BotMessage {
  const embeds: APIEmbed[] = [];
  let total = 0;
  for (const item of (input.embeds ?? []).slice(0, LIMITS.embedsPerMessage)) {
    let fitted = item;
    const room = LIMITS.embedTotal - total;
    if (embedLength(fitted) > room) {
      const over = embedLength(fitted) - room;
      const description = fitted.description ?? '';
      if (description.length - over < 50) break;
      fitted = { ...fitted, description: truncate(description, description.length - over) };
    }
    total += embedLength(fitted);
    embeds.push(fitted);
  }
  const content = input.content === undefined ? undefined : truncate(input.content, LIMITS.content);
  return {
    ...(content ? { content } : {}),
    ...(embeds.length > 0 ? { embeds } : {}),
    ...(input.components ? { components: input.components } : {}),
    ...(input.ephemeral ? { ephemeral: true } : {}),
  };
}

/** A message posted in a channel (not an interaction's answer), as Discord's REST API takes it. */
export function channelMessageBody(message: BotMessage): Record<string, unknown> {
  const { ephemeral: _never, ...body } = message;
  return { ...body, allowed_mentions: NO_MENTIONS };
}

/** A short ephemeral notice (errors, refusals, cooldowns). `text` is escaped here. */
export function notice(text: string): BotMessage {
  return message({ content: escapeText(text), ephemeral: true });
}

/** Cuts text to `max` at a word boundary, with "…" when cut. */
export function cutAtWord(text: string, max: number): string {
  const clean = text.toWellFormed().replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const space = clean.lastIndexOf(' ', max - 1);
  return space > max / 2 ? `${clean.slice(0, space)}…` : truncate(clean, max);
}

/** Autocomplete choices within limits: ≤ 25, names 1–100 characters, values ≤ 100. */
export function choices(list: readonly Choice[]): Choice[] {
  return list
    .map((choice) => ({
      name: cutAtWord(choice.name, LIMITS.choiceName) || '…',
      value: truncate(choice.value, LIMITS.choiceValue),
    }))
    .filter((choice) => choice.value !== '')
    .slice(0, LIMITS.choices);
}

/** A button custom_id within 100 characters; `parts` are joined with ':' and the last is cut to fit. */
export function customId(...parts: string[]): string {
  return parts.join(':').slice(0, LIMITS.customId).toWellFormed();
}
