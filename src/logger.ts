import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

// Secrets that may appear in logged objects: the bot token, interaction tokens, auth headers, the
// database URL.
const REDACT = [
  'token',
  '*.token',
  'discordToken',
  '*.discordToken',
  'config.discordToken',
  'headers.authorization',
  '*.headers.authorization',
  'interaction.token',
  // A PostgreSQL connection URL carries its password.
  'databaseUrl',
  '*.databaseUrl',
];

/**
 * The root logger: JSON lines, or pretty lines when stdout is a terminal. Secrets are redacted.
 * Modules take `logger.child({ module })`.
 */
export function createLogger(level: LogLevel, pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  });
}

export type { Logger };
