// Sending files from the window (XEP-0363 upload, XEP-0066 reference): alice attaches a file with the picker and drops
// another on the conversation; bob (slixmpp, not Causette) gets each URL with its OOB element, and the server gives the
// same bytes back. A file over the server's limit is refused in words, with axe finding nothing wrong in the view.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child, startSlixmppPeer, type ReceivedStanza, type SlixmppPeer } from '../support/slixmpp-peer.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';
import { words } from './words.ts';

let server: ProsodyServer;
let bob: SlixmppPeer;
let alice: BrowserMode;
const say = words('en');
const dir = mkdtempSync(join(tmpdir(), 'causette-e2e-files-'));

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  bob = await startSlixmppPeer({ jid: `bob@${server.domain}`, password: 'bob-pass', host: server.host, port: server.c2sPort, caPath: server.caPath });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await alice?.close();
  await bob?.stop();
  await server?.dispose();
});

const sharedUrl = (stanza: ReceivedStanza): string | undefined => {
  if (stanza.tree.name !== 'message') return undefined;
  const oob = stanza.tree.children.find((each) => each.name === 'x' && each.ns === 'jabber:x:oob');
  const url = oob?.children.find((each) => each.name === 'url')?.text;
  return url !== undefined && child(stanza.tree, 'body')?.text === url ? url : undefined;
};

async function choose(page: Page, view: Locator, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await view.getByRole('button', { name: say('transfers.attach') }).click();
  await (await chooser).setFiles(path);
}

describe('sending files', () => {
  it('attaches a file with the picker and drops another on the conversation; bob gets both URLs with their OOB reference', async () => {
    const { page } = alice;
    const peer = `bob@${server.domain}`;
    await page.getByLabel(say('newChat.label')).fill(peer);
    await page.getByRole('button', { name: say('newChat.open') }).click();
    const view = page.getByRole('region', { name: say('chat.with', { name: peer }) });
    await view.waitFor();

    const bytes = randomBytes(200_000);
    const path = join(dir, 'report.pdf');
    writeFileSync(path, bytes);
    await choose(page, view, path);
    const first = await bob.waitFor((stanza) => sharedUrl(stanza) !== undefined, 'the shared file', 20_000);
    const firstUrl = sharedUrl(first) ?? '';
    expect(Buffer.from(await (await fetch(firstUrl)).arrayBuffer()).equals(bytes)).toBe(true);
    await view.getByRole('list', { name: say('messages.label') }).getByRole('listitem').filter({ hasText: firstUrl }).waitFor({ timeout: 10_000 });

    // A drop from the desktop, as the browser delivers it: the view says where the files go while they are over it.
    const conversation = await view.elementHandle();
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped notes'], 'notes.txt', { type: 'text/plain' }));
      return data;
    });
    await conversation?.dispatchEvent('dragenter', { dataTransfer: transfer });
    await view.getByText(say('transfers.dropHint', { name: peer })).waitFor();
    await conversation?.dispatchEvent('drop', { dataTransfer: transfer });
    const second = await bob.waitFor((stanza) => (sharedUrl(stanza) ?? firstUrl) !== firstUrl, 'the dropped file', 20_000);
    expect(await (await fetch(sharedUrl(second) ?? '')).text()).toBe('dropped notes');
    expect(await view.getByText(say('transfers.dropHint', { name: peer })).count()).toBe(0);
  });

  it('says why a file over the server’s limit was not sent, until dismissed', async () => {
    const { page } = alice;
    const view = page.getByRole('region', { name: say('chat.with', { name: `bob@${server.domain}` }) });
    const path = join(dir, 'huge.iso');
    writeFileSync(path, Buffer.alloc(10 * 1024 * 1024 + 1));
    await choose(page, view, path);
    const failure = view.getByRole('list', { name: say('transfers.label') }).getByRole('alert');
    await failure.waitFor({ timeout: 20_000 });
    expect(await failure.textContent()).toContain('huge.iso');
    expect(await failure.textContent()).toContain(say('errors.bad-request_fileTooLarge', { size: String(10 * 1024 * 1024 + 1), max: String(10 * 1024 * 1024) }));
    expect(await violations(page)).toEqual([]);
    await view.getByRole('list', { name: say('transfers.label') }).getByRole('button', { name: say('transfers.dismiss') }).click();
    await failure.waitFor({ state: 'detached' });
  });
});
