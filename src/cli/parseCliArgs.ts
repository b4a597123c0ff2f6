import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * Node's parseArgs, for a person at a terminal: `--help` (or `-h`) prints the usage and exits 0; an
 * unknown or malformed option names itself and prints the usage, exit status 2, instead of Node's
 * advice to "place it after --" and a stack trace.
 */
export function parseCliArgs<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/su, '.');
    console.error(`${message}\n${usage}`);
    process.exit(2);
  }
}

/**
 * A `--limit`-style option as a whole number from 1 up; anything else is named with what is wrong
 * and the usage, exit status 2.
 */
export function positiveIntegerOption(name: string, raw: string, usage: string): number {
  const value = Number(raw);
  if (Number.isInteger(value) && value >= 1) return value;
  console.error(`--${name} must be a whole number from 1 up, got "${raw}".\n${usage}`);
  process.exit(2);
}
