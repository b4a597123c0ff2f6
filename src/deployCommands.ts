import { REST, Routes } from 'discord.js';
import dotenv from 'dotenv';
import { commands } from '../commands/index.js';
import { ConfigError, loadConfig } from './config.js';

// `npm run deploy-commands`: registers the slash and message-menu commands, for one guild when DISCORD_GUILD_ID is set
// (instant, for development) or globally. Exits non-zero on any failure.
dotenv.config({ quiet: true });

async function main(): Promise<number> {
  const config = loadConfig();
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(
    config.discordToken,
  );
  const body = [...commands.values()].map((command) => command.data);
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(config.discordClientId, config.discordGuildId)
    : Routes.applicationCommands(config.discordClientId);
  const registered = (await rest.put(route, { body })) as { name: string; type?: number }[];
  // Slash commands as /name; message menu commands ("Check quote") by their name in the menu.
  const label = (command: { name: string; type?: number }) =>
    command.type === undefined || command.type === 1 ? `/${command.name}` : `“${command.name}”`;
  const scope = config.discordGuildId
    ? `guild ${config.discordGuildId}`
    : 'all guilds (global, may take up to an hour)';
  console.log(`Registered ${registered.length} commands (${registered.map(label).join(', ')}) for ${scope}.`);
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? `${error.message}\nSee .env.example.`
      : `deploy-commands failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  return 1;
});
