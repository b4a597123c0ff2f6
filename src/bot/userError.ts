/**
 * Something wrong with what the user sent, not with the bot: a subcommand or button this version
 * does not know (an old client, a forged id). The user is told `message` privately; it is logged as
 * a warning, not an error.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
