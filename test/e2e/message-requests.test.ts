// Message requests in the interface: a stranger (slixmpp, not Causette) writes to bob, whose Causette holds the
// conversation under "Message requests" with its links as plain text, until bob accepts, deletes or blocks it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child, startSlixmppPeer, type SlixmppPeer } from '../support/slixmpp-peer.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, setPrivacy } from './ui.ts';

let server: ProsodyServer;
let bob: BrowserMode;
const peers: SlixmppPeer[] = [];

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'bob', password: 'bob-pass' }, { username: 'mallory', password: 'mallory-pass' }, { username: 'trudy', password: 'trudy-pass' }] });
  bob = await openSignedIn(server, 'bob', 'bob-pass');
  // Only the request holds back bob's receipts: he shares them with everyone who writes.
  await setPrivacy(bob.page, { shareWithEveryone: true });
});

afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.stop()));
  await bob?.close();
  await server?.dispose();
});

async function stranger(username: string): Promise<SlixmppPeer> {
  const peer = await startSlixmppPeer({ jid: `${username}@${server.domain}`, password: `${username}-pass`, host: server.host, port: server.c2sPort, caPath: server.caPath });
  peers.push(peer);
  return peer;
}

describe('message requests', () => {
  it('a stranger’s message waits under Message requests, links unclickable, until bob accepts it', async () => {
    const { page } = bob;
    const mallory = await stranger('mallory');
    await mallory.sendMessage({ to: 'bob@localhost', body: 'Win a prize at https://prize.example now', requestReceipt: true });

    const requests = page.getByRole('region', { name: /Message requests/ });
    await requests.getByRole('button', { name: /mallory@localhost/ }).click({ timeout: 15_000 });
    const chat = page.getByRole('region', { name: 'Conversation with mallory@localhost' });
    const bar = chat.getByRole('region', { name: 'Message request' });
    await bar.waitFor();
    await chat.getByText('Win a prize at https://prize.example now').waitFor();
    expect(await chat.getByRole('link', { name: 'https://prize.example' }).count()).toBe(0);

    await bar.getByRole('button', { name: 'Accept' }).click();
    await bar.waitFor({ state: 'detached', timeout: 10_000 });
    await chat.getByRole('link', { name: 'https://prize.example' }).waitFor();
    await requests.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /mallory@localhost/ }).waitFor();

    // Accepted, the next message gets its receipt (XEP-0184 §5.2); the first one never got one.
    const sent = await mallory.sendMessage({ to: 'bob@localhost', body: 'so, the prize?', requestReceipt: true });
    const receipt = await mallory.waitFor((stanza) => child(stanza.tree, 'received', 'urn:xmpp:receipts')?.attrs.id === sent.id, 'the receipt after accepting');
    expect(receipt.tree.attrs.from?.startsWith('bob@localhost/')).toBe(true);
    expect(mallory.received.filter((stanza) => child(stanza.tree, 'received', 'urn:xmpp:receipts') !== undefined)).toHaveLength(1);
  });

  it('bob blocks a stranger from the request after confirming, and the request is gone', async () => {
    const { page } = bob;
    const trudy = await stranger('trudy');
    await trudy.sendMessage({ to: 'bob@localhost', body: 'cheap pills' });
    const requests = page.getByRole('region', { name: /Message requests/ });
    await requests.getByRole('button', { name: /trudy@localhost/ }).click({ timeout: 15_000 });
    const bar = page.getByRole('region', { name: 'Conversation with trudy@localhost' }).getByRole('region', { name: 'Message request' });
    // Prosody 0.12 offers blocking but no spam reporting (XEP-0377): Delete and Block, not "Block and report spam".
    expect(await bar.getByRole('button', { name: 'Block and report spam' }).count()).toBe(0);
    await bar.getByRole('button', { name: 'Block', exact: true }).click();
    const question = bar.getByRole('group', { name: /Block trudy@localhost/ });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await question.getByRole('button', { name: 'Block', exact: true }).click();

    await page.getByRole('region', { name: 'Conversation with trudy@localhost' }).waitFor({ state: 'detached', timeout: 10_000 });
    await requests.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('list', { name: 'Blocked contacts' }).getByText('trudy@localhost').waitFor({ timeout: 10_000 });
  });
});
