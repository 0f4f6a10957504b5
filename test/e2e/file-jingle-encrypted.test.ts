// A file sent by Jingle in an encrypted conversation (XEP-0391 with OMEMO, XEP-0396) between two Causette windows: with
// the Encryption switch on, alice drops a file on her conversation with bob; her progress and bob's offer say it is
// end-to-end encrypted; he accepts, both transfers panels say so at 100 %, and bob has alice's bytes.
// axe finds nothing wrong with the offer nor with the panel.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { dropFile, openChat, openPanel, startPair } from './transfer-ui.ts';
import { words } from './words.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;
const say = words('en');
const bytes = randomBytes(90_000);
const NAME = 'secret-plans.bin';

let close: () => Promise<void> = () => Promise.resolve();

beforeAll(async () => {
  // Mutual contacts from their other clients before the windows sign in (RFC 6121 §3).
  ({ server, alice, bob, close } = await startPair('mutual'));
});

afterAll(() => close());

describe('a file sent by Jingle in an encrypted conversation', () => {
  it('is offered to bob as end-to-end encrypted, and both panels say so once it is through', async () => {
    const aliceJid = `alice@${server.domain}`;
    const bobJid = `bob@${server.domain}`;
    await alice.page.getByRole('button', { name: new RegExp(bobJid.replace('.', '\\.')) }).first().waitFor({ timeout: 20_000 });
    const view = await openChat(alice.page, bobJid);
    // Encryption on: bob's OMEMO device is known.
    await expect.poll(() => view.getByRole('button', { name: say('encryption.toggle') }).getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('true');

    await dropFile(alice.page, view, NAME, bytes);
    const sending = view.getByRole('list', { name: say('transfers.label') }).getByRole('listitem').filter({ hasText: NAME });
    await sending.getByText(say('transfers.encrypted')).waitFor({ timeout: 20_000 });

    const bobView = await openChat(bob.page, aliceJid);
    const offer = bobView.getByRole('list', { name: say('transfers.label') }).getByRole('listitem').filter({ hasText: NAME });
    await offer.waitFor({ timeout: 20_000 });
    expect(await offer.textContent()).toContain(say('transfers.encrypted'));
    expect(await violations(bob.page)).toEqual([]);
    await offer.getByRole('button', { name: say('transfers.acceptLabel', { name: NAME }) }).click();

    for (const [page, progress] of [
      [bob.page, say('transfers.progressIn', { name: NAME })],
      [alice.page, say('transfers.progress', { name: NAME })],
    ] as const) {
      const panel = await openPanel(page);
      const entry = panel.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: progress }) });
      await expect.poll(() => entry.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
      expect(await entry.textContent()).toContain(say('transfers.encrypted'));
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
    }
    expect(readFileSync(join(bob.downloadsDir, NAME)).equals(bytes)).toBe(true);
  });
});
