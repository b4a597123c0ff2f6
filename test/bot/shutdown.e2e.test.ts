import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

describe('stopping the bot', () => {
  let h: Harness;
  let slow: Server;
  let url = '';
  beforeAll(async () => {
    h = await startHarness();
    // A news page that takes a second to answer: a /library add stays in flight meanwhile.
    slow = createServer((_request, response) => {
      setTimeout(() => response.writeHead(404).end(), 1000);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/news`;
  });
  afterAll(async () => {
    await h.close();
    await new Promise((resolve) => slow.close(resolve));
  });

  it('finishes what is in flight and tells anyone who asks meanwhile that it is restarting', async () => {
    const adding = h.fake.sendChatInput({
      name: 'library',
      options: [{ name: 'add', type: 1, options: [{ name: 'url', type: 3, value: url }] }],
      roles: [h.fake.roleId('Moderator')],
    });
    await h.fake.waitForResponse(adding.id); // deferred: now in flight
    const stopped = h.bot?.stop(5000);
    const asked = h.fake.sendChatInput({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'Kursk' }],
    });
    const reply = await h.fake.waitForResponse(asked.id);
    expect(reply.data.content).toMatch(/restarting/);
    expect(Number(reply.data.flags) & 64).toBe(64);
    const finished = await h.fake.waitForResponse(adding.id, { kind: 'edit', timeoutMs: 5000 });
    expect(finished.data.content).toMatch(/404|HTTP/);
    await stopped;
    expect(h.fake.rejections).toEqual([]);
  });
});
