/**
 * Discord's form-body limits, checked the way Discord reports them: a 50035 "Invalid Form Body" whose
 * `errors` mirror the shape of the request body, e.g. `{ data: { content: { _errors: [...] } } }`.
 */

/** The documented limits the fake enforces. Lengths count Unicode code points, as Discord does. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
  actionRows: 5,
  rowComponents: 5,
  modalTitle: 45,
} as const;

/** One entry of Discord's `_errors` lists. */
export interface FieldError {
  code: string;
  message: string;
}

/** The nested `errors` object of a 50035 response. */
export type FormErrors = { _errors?: FieldError[] } & {
  [key: string]: FormErrors | FieldError[] | undefined;
};

/** Collects field errors into Discord's nested shape. */
export class FormErrorCollector {
  readonly errors: FormErrors = {};
  private count = 0;

  get isEmpty(): boolean {
    return this.count === 0;
  }

  add(path: readonly (string | number)[], error: FieldError): void {
    let node: FormErrors = this.errors;
    for (const key of path) {
      const child = node[String(key)];
      if (child && !Array.isArray(child)) {
        node = child;
      } else {
        const created: FormErrors = {};
        node[String(key)] = created;
        node = created;
      }
    }
    node._errors = [...(node._errors ?? []), error];
    this.count++;
  }

  maxLength(path: readonly (string | number)[], value: unknown, max: number): void {
    if (typeof value === 'string' && length(value) > max) {
      this.add(path, { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
    }
  }

  lengthBetween(path: readonly (string | number)[], value: unknown, min: number, max: number): void {
    if (typeof value !== 'string') return;
    const n = length(value);
    if (n < min || n > max) {
      this.add(path, {
        code: 'BASE_TYPE_BAD_LENGTH',
        message: `Must be between ${min} and ${max} in length.`,
      });
    }
  }
}

/** Narrows an unknown JSON value to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function length(value: string): number {
  return [...value].length;
}

function textLength(value: unknown): number {
  return typeof value === 'string' ? length(value) : 0;
}

/** Checks a message body (reply, edit, follow-up) and adds its errors under `path`. */
export function checkMessage(
  body: Record<string, unknown>,
  errors: FormErrorCollector,
  path: string[] = [],
): void {
  errors.maxLength([...path, 'content'], body.content, LIMITS.content);
  if (Array.isArray(body.embeds)) checkEmbeds(body.embeds, errors, [...path, 'embeds']);
  if (Array.isArray(body.components)) checkComponents(body.components, errors, [...path, 'components']);
  if (isRecord(body.allowed_mentions))
    checkAllowedMentions(body.allowed_mentions, errors, [...path, 'allowed_mentions']);
}

function checkEmbeds(embeds: unknown[], errors: FormErrorCollector, path: string[]): void {
  if (embeds.length > LIMITS.embeds) {
    errors.add(path, {
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${LIMITS.embeds} or fewer in length.`,
    });
  }
  let total = 0;
  embeds.forEach((embed, i) => {
    if (!isRecord(embed)) return;
    const at = [...path, String(i)];
    errors.maxLength([...at, 'title'], embed.title, LIMITS.embedTitle);
    errors.maxLength([...at, 'description'], embed.description, LIMITS.embedDescription);
    total += textLength(embed.title) + textLength(embed.description);
    if (isRecord(embed.footer)) {
      errors.maxLength([...at, 'footer', 'text'], embed.footer.text, LIMITS.embedFooterText);
      total += textLength(embed.footer.text);
    }
    if (isRecord(embed.author)) {
      errors.maxLength([...at, 'author', 'name'], embed.author.name, LIMITS.embedAuthorName);
      total += textLength(embed.author.name);
    }
    if (!Array.isArray(embed.fields)) return;
    if (embed.fields.length > LIMITS.embedFields) {
      errors.add([...at, 'fields'], {
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${LIMITS.embedFields} or fewer in length.`,
      });
    }
    embed.fields.forEach((field, j) => {
      if (!isRecord(field)) return;
      errors.maxLength([...at, 'fields', String(j), 'name'], field.name, LIMITS.embedFieldName);
      errors.maxLength([...at, 'fields', String(j), 'value'], field.value, LIMITS.embedFieldValue);
      total += textLength(field.name) + textLength(field.value);
    });
  });
  if (total > LIMITS.embedTotal) {
    errors.add(path, {
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    });
  }
}

/** Walks action rows and Components V2 containers; every `custom_id` anywhere must fit. */
function checkComponents(components: unknown[], errors: FormErrorCollector, path: string[], depth = 0): void {
  const isTopLevelRows = depth === 0 && components.every((c) => isRecord(c) && c.type === 1);
  if (isTopLevelRows && components.length > LIMITS.actionRows) {
    errors.add(path, {
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${LIMITS.actionRows} or fewer in length.`,
    });
  }
  components.forEach((component, i) => {
    if (!isRecord(component)) return;
    const at = [...path, String(i)];
    errors.maxLength([...at, 'custom_id'], component.custom_id, LIMITS.customId);
    if (component.type === 2) errors.maxLength([...at, 'label'], component.label, LIMITS.buttonLabel);
    if (Array.isArray(component.components)) {
      if (component.type === 1 && component.components.length > LIMITS.rowComponents) {
        errors.add([...at, 'components'], {
          code: 'BASE_TYPE_MAX_LENGTH',
          message: `Must be ${LIMITS.rowComponents} or fewer in length.`,
        });
      }
      checkComponents(component.components, errors, [...at, 'components'], depth + 1);
    }
    if (isRecord(component.accessory))
      checkComponents([component.accessory], errors, [...at, 'accessory'], depth + 1);
  });
}

/** `parse: ['users']` together with an explicit `users` list is a 50035 on Discord. */
function checkAllowedMentions(
  mentions: Record<string, unknown>,
  errors: FormErrorCollector,
  path: string[],
): void {
  const parse = Array.isArray(mentions.parse) ? mentions.parse : [];
  for (const kind of ['users', 'roles'] as const) {
    const list = mentions[kind];
    if (parse.includes(kind) && Array.isArray(list) && list.length > 0) {
      errors.add([...path, kind], {
        code: 'SET_TYPE_ALREADY_CONTAINS_VALUE',
        message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      });
    }
  }
  parse.forEach((value, i) => {
    if (value !== 'users' && value !== 'roles' && value !== 'everyone') {
      errors.add([...path, 'parse', String(i)], {
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of {"roles", "users", "everyone"}.',
      });
    }
  });
}

/** Checks an autocomplete result (callback type 8): at most 25 choices, name 1–100, string value ≤ 100. */
export function checkAutocomplete(
  data: Record<string, unknown>,
  errors: FormErrorCollector,
  path: string[],
): void {
  const choices = data.choices;
  if (!Array.isArray(choices)) return;
  if (choices.length > LIMITS.choices) {
    errors.add([...path, 'choices'], {
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${LIMITS.choices} or fewer in length.`,
    });
  }
  choices.forEach((choice, i) => {
    if (!isRecord(choice)) return;
    const at = [...path, 'choices', String(i)];
    if (typeof choice.name !== 'string') {
      errors.add([...at, 'name'], { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    }
    errors.lengthBetween([...at, 'name'], choice.name, 1, LIMITS.choiceName);
    errors.maxLength([...at, 'value'], choice.value, LIMITS.choiceValue);
  });
}

/** Checks a modal (callback type 9): custom_id ≤ 100, title ≤ 45, and the components inside. */
export function checkModal(data: Record<string, unknown>, errors: FormErrorCollector, path: string[]): void {
  errors.maxLength([...path, 'custom_id'], data.custom_id, LIMITS.customId);
  errors.maxLength([...path, 'title'], data.title, LIMITS.modalTitle);
  if (Array.isArray(data.components)) checkComponents(data.components, errors, [...path, 'components'], 1);
}

/** Discord refuses a new message with nothing to show (error 50006). */
export function isEmptyMessage(body: Record<string, unknown>, fileCount: number): boolean {
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  return (
    !(typeof body.content === 'string' && body.content.length > 0) &&
    !nonEmpty(body.embeds) &&
    !nonEmpty(body.components) &&
    !nonEmpty(body.attachments) &&
    !nonEmpty(body.sticker_ids) &&
    !isRecord(body.poll) &&
    fileCount === 0
  );
}
