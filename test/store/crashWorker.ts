// Run by the kill -9 tests and killed with SIGKILL at a random moment: makes every kind of change
// to a server library, as fast as it can, until it is killed.
import { LibraryStore } from '../../src/store/libraryStore.js';

const [location, guildId = '100000000000000001'] = process.argv.slice(2);
if (!location) throw new Error('usage: crashWorker <database path or postgres:// URL>');
const store = await LibraryStore.open(location.startsWith('postgres') ? { postgresUrl: location } : location);
const actor = { userId: 'crash-worker' };
let n = (await store.history(guildId, { limit: 1 }))[0]?.id ?? 0;
process.stdout.write('ready\n');
for (;;) {
  n++;
  const id = `article-${process.pid}-${n}`;
  await store.addArticle(
    guildId,
    {
      articleId: id,
      title: `Article ${n}`,
      url: `https://news.example/${id}`,
      canonicalUrl: `news.example/${id}`,
      bodyHash: id,
      markdown: `---\ntitle: Article ${n}\n---\n\nText ${n}.\n`,
    },
    actor,
  );
  const active = await store.articles(guildId, 'active');
  const archived = await store.articles(guildId, 'archived');
  if (n % 3 === 0 && active[0]) await store.archiveArticle(guildId, active[0].articleId, actor);
  if (n % 5 === 0 && archived[0]) await store.restoreArticle(guildId, archived[0].articleId, actor);
  const shared = `shared-${n % 4}`;
  if ((await store.hidden(guildId)).has(shared)) await store.unhide(guildId, shared, shared, actor);
  else await store.hide(guildId, shared, shared, actor);
}
