// What the file-transfer e2e tests share: alice and bob subscribed to each other (both ways, or alice to bob only) from
// plain clients before their windows sign in, a conversation opened by address, a file dropped on it as a real drop event
// with a DataTransfer, and the transfers panel opened from the top bar.
import xml from '@xmpp/xml';
import type { Locator, Page } from 'playwright-core';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient } from './ui.ts';
import { words } from './words.ts';

const say = words('en');

/**
 * RFC 6121 §3: alice subscribes to bob's presence and bob approves; `mutual` has bob ask for hers and her approve too.
 * Waits until alice's roster says so.
 */
export async function subscribe(server: ProsodyServer, kind: 'mutual' | 'alice-to-bob'): Promise<void> {
  const aliceJid = `alice@${server.domain}`;
  const bobJid = `bob@${server.domain}`;
  const [a, b] = await Promise.all([plainClient(server, 'alice', 'alice-pass'), plainClient(server, 'bob', 'bob-pass')]);
  try {
    await a.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: bobJid }))));
    await a.send(xml('presence', { to: bobJid, type: 'subscribe' }));
    await b.send(xml('presence', { to: aliceJid, type: 'subscribed' }));
    if (kind === 'mutual') {
      await b.send(xml('presence', { to: aliceJid, type: 'subscribe' }));
      await a.send(xml('presence', { to: bobJid, type: 'subscribed' }));
    }
    const wanted = kind === 'mutual' ? 'both' : 'to';
    const deadline = Date.now() + 10_000;
    for (;;) {
      const roster = await a.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
      if (roster.getChild('query')?.getChildren('item').some((item) => item.attrs.jid === bobJid && item.attrs.subscription === wanted)) return;
      if (Date.now() > deadline) throw new Error(`alice’s roster did not say subscription “${wanted}” for bob`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

/** A Prosody with alice and bob, subscribed to each other as `kind` says from plain clients (before any window signs in). */
export async function startPairServer(kind: 'mutual' | 'alice-to-bob'): Promise<ProsodyServer> {
  const server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  await subscribe(server, kind);
  return server;
}

/** The same, with alice's and bob's windows signed in; `close` ends the windows, then the server. */
export async function startPair(kind: 'mutual' | 'alice-to-bob'): Promise<{ server: ProsodyServer; alice: BrowserMode; bob: BrowserMode; close: () => Promise<void> }> {
  const server = await startPairServer(kind);
  const [alice, bob] = await Promise.all([openSignedIn(server, 'alice', 'alice-pass'), openSignedIn(server, 'bob', 'bob-pass')]);
  return {
    server,
    alice,
    bob,
    close: async () => {
      await alice.close();
      await bob.close();
      await server.dispose();
    },
  };
}

/** Opens the conversation with `peer` by its address, as a user types it. */
export async function openChat(page: Page, peer: string): Promise<Locator> {
  await page.getByLabel(say('newChat.label')).fill(peer);
  await page.getByRole('button', { name: say('newChat.open') }).click();
  const view = page.getByRole('region', { name: say('chat.with', { name: peer }) });
  await view.waitFor();
  return view;
}

/** Drops a file of these bytes on `target`: dragenter, then drop, with a DataTransfer holding it. */
export async function dropFile(page: Page, target: Locator, name: string, bytes: Uint8Array): Promise<void> {
  const element = await target.elementHandle();
  const data = await page.evaluateHandle(
    ({ content, file }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(content)], file, { type: 'application/octet-stream' }));
      return transfer;
    },
    { content: [...bytes], file: name },
  );
  await element?.dispatchEvent('dragenter', { dataTransfer: data });
  await element?.dispatchEvent('drop', { dataTransfer: data });
}

/** The transfers panel, opened with a click on the top bar's button. */
export async function openPanel(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: new RegExp(`^${say('transfers.open')}`) }).click();
  const panel = page.getByRole('dialog', { name: say('transfers.panelTitle') });
  await panel.waitFor();
  return panel;
}
