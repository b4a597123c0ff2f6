import type { AuditEntry, GuildSettings } from '../store/libraryStore.js';
import { count } from '../text/plural.js';
import { type BotMessage, embed, escapeText, message } from './responses.js';

const HISTORY_COLOR = 0x5b8a72;

const VERBS: Readonly<Record<AuditEntry['action'], string>> = {
  add: 'added',
  remove: 'archived',
  restore: 'restored',
  update: 'updated',
  hide: 'hid',
  unhide: 'showed again',
  refresh: 'refreshed',
  'moderator-role': 'changed the moderator roles',
  'log-channel': 'changed the log channel',
};

const OUTCOMES: Readonly<Record<AuditEntry['status'], string>> = {
  applied: '',
  started: ' (in progress)',
  rejected: ' (not applied: problems in the files)',
  failed: ' (failed)',
  interrupted: ' (interrupted when the bot stopped: check the shared folder)',
};

// Mentions are shown as names, never pinged: every message goes out with allowed_mentions parse [].
const user = (id: string) => (/^\d{17,20}$/.test(id) ? `<@${id}>` : escapeText(id));
const role = (id: string) => `<@&${id}>`;
const channel = (id: string) => `<#${id}>`;
const when = (ms: number) => `<t:${Math.floor(ms / 1000)}:R>`;

/** One change as a line: when, who, what, which library, and the diff where there is one. */
export function describeChange(entry: AuditEntry): string {
  const where = entry.library === 'shared' ? ' (shared library)' : '';
  const title = entry.title ? ` “${escapeText(entry.title)}”` : '';
  const detail = entry.detail as {
    added?: string[] | string;
    removed?: string[] | string;
    changed?: string[];
    failed?: string[];
    problems?: string[];
    after?: string | null;
  };
  const parts: string[] = [];
  if (entry.action === 'moderator-role') {
    if (typeof detail.added === 'string') parts.push(`added ${role(detail.added)}`);
    if (typeof detail.removed === 'string') parts.push(`removed ${role(detail.removed)}`);
  } else if (entry.action === 'log-channel') {
    parts.push(detail.after ? `now ${channel(detail.after)}` : 'now none');
  } else {
    for (const [label, list] of [
      ['added', detail.added],
      ['changed', detail.changed],
      ['removed', detail.removed],
    ] as const) {
      if (Array.isArray(list) && list.length > 0)
        parts.push(`${label} ${list.map((item) => `“${escapeText(item)}”`).join(', ')}`);
    }
    if (Array.isArray(detail.failed) && detail.failed.length > 0)
      parts.push(`${detail.failed.length} not fetched`);
    if (entry.status === 'applied' && Array.isArray(detail.problems) && detail.problems.length > 0) {
      // Problems are `file:line: message`; a file can have several.
      const files = new Set(detail.problems.map((problem) => problem.replace(/:\d+: .*$/su, ''))).size;
      parts.push(`skipped ${count(files, 'invalid file')}`);
    }
  }
  const outcome = OUTCOMES[entry.status];
  return `${when(entry.at)} ${user(entry.userId)} ${VERBS[entry.action]}${title}${where}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}${outcome}`;
}

/** /library history: the latest changes, newest first. */
export function historyMessage(entries: readonly AuditEntry[]): BotMessage {
  return message({
    embeds: [
      embed({
        title: 'Recent changes to this server’s library',
        description: entries.map(describeChange).join('\n') || 'No changes yet.',
        color: HISTORY_COLOR,
      }),
    ],
    ephemeral: true,
  });
}

/** /library settings without options: who may manage the library here, and where changes are posted. */
export function settingsMessage(
  settings: GuildSettings,
  home: boolean,
  envRoles: readonly string[],
): BotMessage {
  const roles = [...settings.moderatorRoleIds, ...(home ? envRoles : [])];
  return message({
    embeds: [
      embed({
        title: 'Library settings',
        description: [
          `**Moderators:** members with Manage Server${roles.length > 0 ? `, and ${roles.map(role).join(', ')}` : ''}. Server Settings → Integrations decides who sees /library.`,
          `**Log channel:** ${settings.logChannelId ? channel(settings.logChannelId) : 'none'}`,
          `**Shared library:** ${home ? 'this is a home server: its moderators also manage the shared library.' : 'managed by the bot’s operators; /library hide hides a shared article here.'}`,
        ].join('\n'),
        color: HISTORY_COLOR,
      }),
    ],
    ephemeral: true,
  });
}

/**
 * What is posted in the log channel after a change. `summary` is escaped unless `safe` says it is
 * the bot's own text with mentions of validated ids (which are shown, never pinged).
 */
export function changeLogMessage(userId: string, action: string, summary: string, safe = false): BotMessage {
  return message({
    content: `${user(userId)} used /library ${action}: ${safe ? summary : escapeText(summary)}`,
  });
}
