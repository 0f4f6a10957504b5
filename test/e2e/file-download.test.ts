// Files shared with alice, in her window (issue 12 point 6, issue 13 point 4): dave, a contact, shares an upload by its
// https URL with an OOB element and a file Python encrypted as aesgcm://; each shows as a card with its name and Download;
// the download's end says the name it was saved under in the downloads folder, with the same bytes (decrypted for
// aesgcm://), and a wrong key says so and leaves no file. axe finds nothing wrong with the cards.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { uploadFile } from '../../electron/core/xmpp/upload/upload.ts';
import { buildOob } from '../../electron/core/xmpp/upload/upload-stanzas.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient } from './ui.ts';
import { words } from './words.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let dave: Connection;
const DAVE = 'dave@localhost';
const say = words('en');
const dir = mkdtempSync(join(tmpdir(), 'causette-e2e-download-'));

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
    httpsUploads: true,
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

/** Dave puts the bytes on the server's upload service (XEP-0363) and gets their https URL. */
async function daveUploads(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, `${randomBytes(4).toString('hex')}-${name}`);
  writeFileSync(path, bytes);
  return uploadFile(dave, {
    service: { jid: `upload.${server.domain}` },
    path,
    name,
    size: bytes.length,
    contentType: 'application/octet-stream',
    extraCa: [server.caPem],
    onProgress: () => undefined,
    signal: new AbortController().signal,
  });
}

const daveSays = (body: string, oob?: string) => dave.send(xml('message', { to: `alice@${server.domain}`, type: 'chat', id: randomBytes(6).toString('hex') }, xml('body', {}, body), ...(oob ? [buildOob(oob)] : [])));
const conversation = () => alice.page.getByRole('region', { name: say('chat.with', { name: DAVE }) });
const card = (name: string): Locator => conversation().getByRole('group', { name: say('files.label', { name }) });

async function openDave(): Promise<void> {
  await alice.page.getByLabel(say('newChat.label')).fill(DAVE);
  await alice.page.getByRole('button', { name: say('newChat.open') }).click();
  await conversation().waitFor();
}

describe('files shared with alice', () => {
  it('shows an https upload shared out of band as a card; Download saves the same bytes and shows the image', async () => {
    await openDave();
    // A 1×1 PNG.
    const bytes = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    const url = await daveUploads('holiday photo.png', bytes);
    await daveSays(url, url);
    const photo = card('holiday photo.png');
    await photo.waitFor({ timeout: 10_000 });
    // The card replaces the link: the address is not shown as text, and nothing is fetched before Download.
    expect(await conversation().getByText(url).count()).toBe(0);
    expect(await photo.getByRole('img').count()).toBe(0);
    await photo.getByRole('button', { name: say('files.downloadLabel', { name: 'holiday photo.png' }) }).click();
    await photo.getByRole('status').filter({ hasText: say('files.saved', { name: 'holiday photo.png' }) }).waitFor({ timeout: 15_000 });
    expect(readFileSync(join(alice.downloadsDir, 'holiday photo.png')).equals(bytes)).toBe(true);
    const preview = photo.getByRole('img', { name: say('files.preview', { name: 'holiday photo.png' }) });
    await preview.waitFor({ timeout: 10_000 });
    await alice.page.waitForFunction((element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth === 1, await preview.elementHandle(), { timeout: 10_000 });
    // The host serves a preview to the page's token only.
    const served = (await alice.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))).find((name) => name.includes('/downloads/'));
    expect(served).toBeDefined();
    expect((await fetch(served ?? '')).status).toBe(403);
    expect(await violations(alice.page)).toEqual([]);
  });

  it('decrypts an aesgcm:// file Python encrypted; a wrong key says the file could not be decrypted and keeps nothing', async () => {
    const plain = randomBytes(80_000);
    writeFileSync(join(dir, 'plain'), plain);
    const fragment = execFileSync('/usr/bin/python3', [join(import.meta.dirname, '../peer/aesgcm_file.py'), 'encrypt', join(dir, 'plain'), join(dir, 'cipher')], { encoding: 'utf8' }).trim();
    const https = await daveUploads('minutes.pdf', readFileSync(join(dir, 'cipher')));
    const link = `aesgcm:${https.slice('https:'.length)}#${fragment}`;
    await daveSays(link);
    const minutes = card('minutes.pdf');
    await minutes.waitFor({ timeout: 10_000 });
    await minutes.getByText(say('files.encrypted')).waitFor();
    // Neither the conversation nor the list of conversations shows the address, which holds the key.
    expect(await alice.page.getByText(fragment.slice(-64), { exact: false }).count()).toBe(0);
    await minutes.getByRole('button', { name: say('files.downloadLabel', { name: 'minutes.pdf' }) }).click();
    await minutes.getByRole('status').filter({ hasText: say('files.saved', { name: 'minutes.pdf' }) }).waitFor({ timeout: 15_000 });
    expect(readFileSync(join(alice.downloadsDir, 'minutes.pdf')).equals(plain)).toBe(true);

    const otherHttps = await daveUploads('wrong.pdf', readFileSync(join(dir, 'cipher')));
    await daveSays(`aesgcm:${otherHttps.slice('https:'.length)}#${fragment.slice(0, 24)}${'00'.repeat(32)}`);
    const wrong = card('wrong.pdf');
    await wrong.waitFor({ timeout: 10_000 });
    await wrong.getByRole('button', { name: say('files.downloadLabel', { name: 'wrong.pdf' }) }).click();
    await wrong.getByRole('alert').filter({ hasText: say('errors.integrity-failure') }).waitFor({ timeout: 15_000 });
    expect(readdirSync(alice.downloadsDir).sort()).toEqual(['holiday photo.png', 'minutes.pdf']);
    // After a failure, Download is offered again.
    await wrong.getByRole('button', { name: say('files.downloadLabel', { name: 'wrong.pdf' }) }).waitFor();
  });
});
