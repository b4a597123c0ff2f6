// Run by libraryStore.test.ts and killed with SIGKILL at a random moment: makes every kind of change
// to a server library, as fast as it can, until it is killed.
import { LibraryStore } from '../../src/store/libraryStore.js';

const [path, guildId = '100000000000000001'] = process.argv.slice(2);
if (!path) throw new Error('usage: crashWorker <database>');
const store = LibraryStore.open(path);
const actor = { userId: 'crash-worker' };
let n = store.history(guildId, { limit: 1 })[0]?.id ?? 0;
process.stdout.write('ready\n');
for (;;) {
  n++;
  const id = `article-${process.pid}-${n}`;
  store.addArticle(
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
  const active = store.articles(guildId, 'active');
  const archived = store.articles(guildId, 'archived');
  if (n % 3 === 0 && active[0]) store.archiveArticle(guildId, active[0].articleId, actor);
  if (n % 5 === 0 && archived[0]) store.restoreArticle(guildId, archived[0].articleId, actor);
  const shared = `shared-${n % 4}`;
  if (store.hidden(guildId).has(shared)) store.unhide(guildId, shared, shared, actor);
  else store.hide(guildId, shared, shared, actor);
}
