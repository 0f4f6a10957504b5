// A huge message from a contact: the conversation shows only its collapsed start until asked, and stays usable (issue 9 §2.8).
import xml from '@xmpp/xml';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient } from './ui.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let dave: Connection;
const DAVE = 'dave@localhost';

/** Alice and dave see each other's presence before alice's window signs in: dave writes as a contact. */
async function befriend(aliceElsewhere: Connection): Promise<void> {
  await aliceElsewhere.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: DAVE }))));
  await aliceElsewhere.send(xml('presence', { to: DAVE, type: 'subscribed' }));
  await aliceElsewhere.send(xml('presence', { to: DAVE, type: 'subscribe' }));
  await dave.send(xml('presence', { to: `alice@${server.domain}`, type: 'subscribed' }));
  await dave.send(xml('presence', { to: `alice@${server.domain}`, type: 'subscribe' }));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const roster = await aliceElsewhere.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    if (roster.getChild('query')?.getChildren('item').some((item) => item.attrs.jid === DAVE && item.attrs.subscription === 'both')) return;
    if (Date.now() > deadline) throw new Error('alice and dave did not get a mutual subscription');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'dave', password: 'dave-pass' },
    ],
  });
  dave = await plainClient(server, 'dave', 'dave-pass');
  const aliceElsewhere = await plainClient(server, 'alice', 'alice-pass');
  try {
    await befriend(aliceElsewhere);
  } finally {
    await aliceElsewhere.stop();
  }
  alice = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await dave?.stop();
  await alice?.close();
  await server?.dispose();
});

const conversation = () => alice.page.getByRole('region', { name: `Conversation with ${DAVE}` });
const message = (text: string): Locator => conversation().getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: text });

describe('a huge message', () => {
  it('is collapsed to its start in the page, the conversation stays usable, and Show more shows all of it', async () => {
    // 12,000 lines, about 240,000 characters: within Prosody's 256 KiB stanza limit.
    const lines = Array.from({ length: 12_000 }, (_, index) => `log line ${String(index + 1).padStart(5, '0')} ok`);
    await dave.send(xml('message', { type: 'chat', to: `alice@${server.domain}`, id: 'huge-1' }, xml('body', {}, lines.join('\n'))));

    const entry = alice.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /dave@localhost/ });
    await entry.waitFor({ timeout: 15_000 });
    await entry.click();
    const huge = message('log line 00001 ok');
    await huge.waitFor({ timeout: 10_000 });
    // Only the collapsed start is in the page, not the 240,000 characters.
    await expect(huge.evaluate((element) => element.textContent?.length ?? 0)).resolves.toBeLessThan(2_000);
    await expect(huge.textContent()).resolves.not.toContain('log line 12000');

    const composer = conversation().getByRole('textbox', { name: 'Message' });
    await composer.fill('Got your log');
    await composer.press('Enter');
    await message('Got your log').waitFor({ timeout: 10_000 });

    await huge.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => huge.textContent(), { timeout: 10_000 }).toContain('log line 12000 ok');
    await huge.getByRole('button', { name: 'Show less' }).click();
    await expect.poll(() => huge.textContent(), { timeout: 10_000 }).not.toContain('log line 12000');
  });
});
