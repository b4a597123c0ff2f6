import type { APIApplicationCommand } from 'discord.js';
import { checkCommand, checkCommandList } from './commandLimits.js';
import { FormErrorCollector, isRecord } from './limits.js';
import { discordError, type RestReply, type RestRequest, type Route } from './rest.js';
import { nextSnowflake } from './snowflake.js';
import type { FakeWorld } from './world.js';

/** Commands registered with the fake, global and per guild, as Discord stores them. */
export class CommandStore {
  private readonly scopes = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly world: FakeWorld) {}

  /** The registered commands: global when `guildId` is omitted. */
  list(guildId?: string): readonly APIApplicationCommand[] {
    return this.scopes.get(guildId ?? 'global') ?? [];
  }

  /** The id of the chat-input command called `name`, guild-scoped first, as a client would invoke it. */
  idFor(name: string): string | undefined {
    const match = (command: APIApplicationCommand) => command.name === name && command.type === 1;
    return (this.list(this.world.guildId).find(match) ?? this.list().find(match))?.id;
  }

  /** Bulk overwrite: keeps the id of a command whose name and type are unchanged, as Discord does. */
  replace(guildId: string | undefined, bodies: Record<string, unknown>[]): APIApplicationCommand[] {
    const commands = bodies.map((body) => this.build(guildId, body));
    this.scopes.set(guildId ?? 'global', commands);
    return commands;
  }

  /** Creates or overwrites one command by name and type; `created` tells which. */
  upsert(
    guildId: string | undefined,
    body: Record<string, unknown>,
  ): { command: APIApplicationCommand; created: boolean } {
    const scope = [...this.list(guildId)];
    const command = this.build(guildId, body);
    const index = scope.findIndex((c) => c.id === command.id);
    if (index >= 0) scope[index] = command;
    else scope.push(command);
    this.scopes.set(guildId ?? 'global', scope);
    return { command, created: index < 0 };
  }

  private build(guildId: string | undefined, body: Record<string, unknown>): APIApplicationCommand {
    const type = typeof body.type === 'number' ? body.type : 1;
    const existing = this.list(guildId).find((c) => c.name === body.name && c.type === type);
    const command = {
      ...body,
      id: existing?.id ?? nextSnowflake(),
      application_id: this.world.applicationId,
      version: nextSnowflake(),
      type,
      description: typeof body.description === 'string' ? body.description : '',
      default_member_permissions: body.default_member_permissions ?? null,
      nsfw: body.nsfw ?? false,
    } as APIApplicationCommand;
    if (guildId !== undefined) command.guild_id = guildId;
    return command;
  }
}

/** `PUT`/`GET`/`POST` for global and guild commands. */
export function commandRoutes(world: FakeWorld, commands: CommandStore): Route[] {
  /** The scope a request addresses, or the error for a foreign application or unknown guild. */
  function scopeOf(request: RestRequest): { guildId: string | undefined } | RestReply {
    if (request.params.app !== world.applicationId) return discordError(404, 10002, 'Unknown Application');
    const guildId = request.params.guild;
    if (guildId !== undefined && guildId !== world.guildId) return discordError(404, 10004, 'Unknown Guild');
    return { guildId };
  }

  function list(request: RestRequest): RestReply {
    const scope = scopeOf(request);
    return 'status' in scope ? scope : { status: 200, body: commands.list(scope.guildId) };
  }

  function overwrite(request: RestRequest): RestReply {
    const scope = scopeOf(request);
    if ('status' in scope) return scope;
    const bodies = Array.isArray(request.body) ? request.body : [];
    const errors = new FormErrorCollector();
    if (!Array.isArray(request.body)) {
      errors.add([], { code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' });
    }
    checkCommandList(bodies, errors);
    if (!errors.isEmpty) return discordError(400, 50035, 'Invalid Form Body', errors.errors);
    return { status: 200, body: commands.replace(scope.guildId, bodies.filter(isRecord)) };
  }

  function create(request: RestRequest): RestReply {
    const scope = scopeOf(request);
    if ('status' in scope) return scope;
    const errors = new FormErrorCollector();
    checkCommand(request.body, [], errors);
    if (!errors.isEmpty || !isRecord(request.body)) {
      return discordError(400, 50035, 'Invalid Form Body', errors.errors);
    }
    const { command, created } = commands.upsert(scope.guildId, request.body);
    return { status: created ? 201 : 200, body: command };
  }

  const global = '/applications/:app/commands';
  const guild = '/applications/:app/guilds/:guild/commands';
  return [
    { method: 'GET', pattern: global, auth: true, handle: list },
    { method: 'PUT', pattern: global, auth: true, handle: overwrite },
    { method: 'POST', pattern: global, auth: true, handle: create },
    { method: 'GET', pattern: guild, auth: true, handle: list },
    { method: 'PUT', pattern: guild, auth: true, handle: overwrite },
    { method: 'POST', pattern: guild, auth: true, handle: create },
  ];
}
