import { type FormErrorCollector, isRecord } from './limits.js';

/** Discord's rules for application command definitions (registration via PUT/POST). */
export const COMMAND_LIMITS = {
  commands: 100,
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  stringLength: 6000,
} as const;

/** Letters, digits, `-`, `_` and `'` (plus Devanagari and Thai), 1–32 of them. */
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** User and message (context-menu) commands: mixed case and spaces allowed, 1–32 characters. */
const MENU_NAME_PATTERN = /^(?=.{1,32}$)\S(?:.*\S)?$/u;

function checkName(
  value: unknown,
  path: readonly (string | number)[],
  lowercase: boolean,
  errors: FormErrorCollector,
  pattern = NAME_PATTERN,
) {
  if (typeof value !== 'string' || !pattern.test(value)) {
    errors.add([...path, 'name'], {
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: `Command name is invalid: must match ${pattern.source}`,
    });
  } else if (lowercase && value !== value.toLowerCase()) {
    errors.add([...path, 'name'], {
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: 'Command name must be lowercase',
    });
  }
}

function checkDescription(value: unknown, path: readonly (string | number)[], errors: FormErrorCollector) {
  if (typeof value !== 'string') {
    errors.add([...path, 'description'], { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return;
  }
  errors.lengthBetween([...path, 'description'], value, 1, COMMAND_LIMITS.description);
}

function checkOptions(
  options: unknown,
  path: readonly (string | number)[],
  errors: FormErrorCollector,
): void {
  if (!Array.isArray(options)) return;
  if (options.length > COMMAND_LIMITS.options) {
    errors.add([...path, 'options'], {
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${COMMAND_LIMITS.options} or fewer in length.`,
    });
  }
  options.forEach((option, i) => {
    if (!isRecord(option)) return;
    const at = [...path, 'options', i];
    checkName(option.name, at, true, errors);
    checkDescription(option.description, at, errors);
    for (const key of ['min_length', 'max_length'] as const) {
      const value = option[key];
      if (typeof value === 'number' && (value < 0 || value > COMMAND_LIMITS.stringLength)) {
        errors.add([...at, key], {
          code: 'NUMBER_TYPE_MAX',
          message: `int value should be less than or equal to ${COMMAND_LIMITS.stringLength}.`,
        });
      }
    }
    if (Array.isArray(option.choices)) {
      if (option.choices.length > COMMAND_LIMITS.choices) {
        errors.add([...at, 'choices'], {
          code: 'BASE_TYPE_MAX_LENGTH',
          message: `Must be ${COMMAND_LIMITS.choices} or fewer in length.`,
        });
      }
      option.choices.forEach((choice, j) => {
        if (!isRecord(choice)) return;
        errors.lengthBetween([...at, 'choices', j, 'name'], choice.name, 1, COMMAND_LIMITS.choiceName);
        errors.maxLength([...at, 'choices', j, 'value'], choice.value, COMMAND_LIMITS.choiceValue);
      });
    }
    checkOptions(option.options, at, errors);
  });
}

/** Checks one command definition at `path` (its index in a bulk overwrite, or `[]`). */
export function checkCommand(
  command: unknown,
  path: readonly (string | number)[],
  errors: FormErrorCollector,
): void {
  if (!isRecord(command)) {
    errors.add(path, { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    return;
  }
  const chatInput = command.type === undefined || command.type === 1;
  checkName(command.name, path, chatInput, errors, chatInput ? NAME_PATTERN : MENU_NAME_PATTERN);
  if (chatInput) checkDescription(command.description, path, errors);
  else if (command.description !== undefined && command.description !== '')
    errors.add([...path, 'description'], {
      code: 'APPLICATION_COMMAND_INVALID_DESCRIPTION',
      message: 'Context menu commands cannot have a description',
    });
  if (!chatInput && Array.isArray(command.options) && command.options.length > 0)
    errors.add([...path, 'options'], {
      code: 'APPLICATION_COMMAND_INVALID_OPTIONS',
      message: 'Context menu commands cannot have options',
    });
  checkOptions(command.options, path, errors);
}

/** Checks a bulk overwrite: each command, the count, and duplicate names per type. */
export function checkCommandList(commands: unknown[], errors: FormErrorCollector): void {
  if (commands.length > COMMAND_LIMITS.commands) {
    errors.add([], {
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${COMMAND_LIMITS.commands} or fewer in length.`,
    });
  }
  const seen = new Set<string>();
  commands.forEach((command, i) => {
    checkCommand(command, [i], errors);
    if (!isRecord(command)) return;
    const key = `${String(command.type ?? 1)}:${String(command.name)}`;
    if (seen.has(key)) {
      errors.add([i, 'name'], {
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: `Application command names must be unique`,
      });
    }
    seen.add(key);
  });
}
