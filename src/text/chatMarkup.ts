// Chat mentions and custom emoji (<@123>, <@&123>, <#123>, <:name:123>, @everyone) address people
// or decorate; they are not what a message says or asks about.
const CHAT_MARKUP = /<(?:@[!&]?|#|a?:\w+:)\d+>|@(?:everyone|here)\b/giu;

/** The text with each mention and custom emoji replaced by a space. */
export function withoutChatMarkup(text: string): string {
  return text.replace(CHAT_MARKUP, ' ');
}
