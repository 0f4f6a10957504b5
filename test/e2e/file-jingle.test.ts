// A file sent by Jingle between two Causette windows (issue 13, Tests): alice drops a file on her conversation with bob
// (a real drop event with a DataTransfer holding the file); bob's window shows the offer in their conversation, he
// accepts it, and both transfers panels reach 100 % with the same size, bob's file in his downloads folder with alice's
// bytes, and a copy saved through his browser; files dropped on bob in the contact list and on his conversation in the list go to him too. axe finds nothing wrong with the offer nor with the panel; the panel is reached and closed with the keyboard.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openChat, startPair } from './transfer-ui.ts';
import { words } from './words.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;
const say = words('en');
const bytes = randomBytes(120_000);
const NAME = 'holiday.bin';

let close: () => Promise<void> = () => Promise.resolve();

beforeAll(async () => {
  ({ server, alice, bob, close } = await startPair('mutual'));
});

afterAll(() => close());

/** The transfers panel, opened from the top bar with the keyboard. */
async function openPanel(page: Page): Promise<Locator> {
  const button = page.getByRole('button', { name: new RegExp(`^${say('transfers.open')}`) });
  await button.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: say('transfers.panelTitle') });
  await panel.waitFor();
  return panel;
}

async function finished(panel: Locator, progressName: string): Promise<string> {
  const bar = panel.getByRole('progressbar', { name: progressName });
  await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
  // The inner locator is matched inside each entry: rooted at the page, not at the panel.
  const entry = panel.getByRole('listitem').filter({ has: panel.page().getByRole('progressbar', { name: progressName }) });
  return (await entry.locator('.transfer-facts').textContent()) ?? '';
}

describe('a file sent by Jingle', () => {
  it('is dropped on alice’s conversation, offered in bob’s, accepted, and both panels reach 100 % with the same size', async () => {
    const aliceJid = `alice@${server.domain}`;
    const bobJid = `bob@${server.domain}`;
    // Each sees the other online, so alice's file goes to bob's device rather than to the upload service.
    await alice.page.getByRole('button', { name: new RegExp(bobJid.replace('.', '\\.')) }).first().waitFor({ timeout: 20_000 });
    const view = await openChat(alice.page, bobJid);

    const conversation = await view.elementHandle();
    const data = await alice.page.evaluateHandle(
      ({ content, name }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(content)], name, { type: 'application/octet-stream' }));
        return transfer;
      },
      { content: [...bytes], name: NAME },
    );
    await conversation?.dispatchEvent('dragenter', { dataTransfer: data });
    await view.getByText(say('transfers.dropHint', { name: bobJid })).waitFor();
    await conversation?.dispatchEvent('drop', { dataTransfer: data });
    // Alice's side waits for bob's answer.
    await view.getByRole('list', { name: say('transfers.label') }).getByText(say('transfers.state.waiting')).waitFor({ timeout: 20_000 });

    const bobView = await openChat(bob.page, aliceJid);
    const offer = bobView.getByRole('list', { name: say('transfers.label') }).getByRole('listitem').filter({ hasText: NAME });
    await offer.waitFor({ timeout: 20_000 });
    expect(await offer.textContent()).toContain(say('transfers.offer', { name: aliceJid, file: NAME, size: '120 kB' }));
    expect(await violations(bob.page)).toEqual([]);
    await offer.getByRole('button', { name: say('transfers.acceptLabel', { name: NAME }) }).click();

    const bobPanel = await openPanel(bob.page);
    const alicePanel = await openPanel(alice.page);
    const [aliceFacts, bobFacts] = await Promise.all([finished(alicePanel, say('transfers.progress', { name: NAME })), finished(bobPanel, say('transfers.progressIn', { name: NAME }))]);
    expect(aliceFacts).toContain('120 kB / 120 kB');
    expect(bobFacts.split(' · ')[0]).toBe(aliceFacts.split(' · ')[0]);
    // By Jingle, however the bytes went (a direct connection here, on loopback), never by the upload service.
    expect([say('transfers.method.direct'), say('transfers.method.proxy'), say('transfers.method.inBand')]).toContain(aliceFacts.split(' · ').at(-1));
    await expect.poll(() => bobPanel.getByRole('listitem').filter({ hasText: NAME }).textContent()).toContain(say('transfers.state.received'));
    await expect.poll(() => alicePanel.getByRole('listitem').filter({ hasText: NAME }).textContent()).toContain(say('transfers.state.sent'));
    expect(readFileSync(join(bob.downloadsDir, NAME)).equals(bytes)).toBe(true);
    expect(await violations(alice.page)).toEqual([]);

    // Bob's page is the browser mode: the received file comes down through the browser too, the same bytes.
    const [download] = await Promise.all([
      bob.page.waitForEvent('download', { timeout: 10_000 }),
      bobPanel.getByRole('button', { name: say('transfers.saveCopyLabel', { name: NAME }) }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(NAME);
    expect(readFileSync(await download.path()).equals(bytes)).toBe(true);

    await alice.page.keyboard.press('Escape');
    await alicePanel.waitFor({ state: 'detached' });
    await bob.page.keyboard.press('Escape');
    await bobPanel.waitFor({ state: 'detached' });
  });

  it('is dropped on bob in alice’s contact list (their conversation opens; bob declines, alice’s panel says so) and on their conversation in her list', async () => {
    const aliceJid = `alice@${server.domain}`;
    const bobJid = `bob@${server.domain}`;
    const row = alice.page.getByRole('list', { name: say('sidebar.contacts') }).getByRole('listitem').filter({ hasText: bobJid });
    const target = await row.elementHandle();
    const data = await alice.page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['not wanted'], 'unwanted.txt', { type: 'text/plain' }));
      return transfer;
    });
    await target?.dispatchEvent('dragenter', { dataTransfer: data });
    await expect.poll(() => row.getAttribute('class')).toContain('dropping');
    await target?.dispatchEvent('drop', { dataTransfer: data });
    await alice.page.getByRole('region', { name: say('chat.with', { name: bobJid }) }).waitFor();

    const offer = bob.page.getByRole('region', { name: say('chat.with', { name: aliceJid }) }).getByRole('listitem').filter({ hasText: 'unwanted.txt' });
    await offer.getByRole('button', { name: say('transfers.declineLabel', { name: 'unwanted.txt' }) }).click({ timeout: 20_000 });
    await offer.waitFor({ state: 'detached' });
    const panel = await openPanel(alice.page);
    const entry = panel.getByRole('listitem').filter({ hasText: 'unwanted.txt' });
    await expect.poll(() => entry.textContent(), { timeout: 20_000 }).toContain(say('transfers.state.cancelled'));
    expect(await entry.textContent()).toContain(say('errors.declined'));
    await alice.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // The same onto the conversation in alice's list of conversations (listed once it has a message).
    const chat = alice.page.getByRole('region', { name: say('chat.with', { name: bobJid }) });
    await chat.getByLabel(say('composer.label')).fill('The minutes follow.');
    await chat.getByLabel(say('composer.label')).press('Enter');
    const item = alice.page.locator(`.conversation-list li:has([data-peer="${bobJid}"])`);
    const onItem = await item.elementHandle();
    const more = await alice.page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['minutes'], 'minutes.txt', { type: 'text/plain' }));
      return transfer;
    });
    await onItem?.dispatchEvent('dragenter', { dataTransfer: more });
    await expect.poll(() => item.getAttribute('class')).toContain('dropping');
    await onItem?.dispatchEvent('drop', { dataTransfer: more });
    const third = bob.page.getByRole('region', { name: say('chat.with', { name: aliceJid }) }).getByRole('listitem').filter({ hasText: 'minutes.txt' });
    await third.getByRole('button', { name: say('transfers.acceptLabel', { name: 'minutes.txt' }) }).click({ timeout: 20_000 });
    await expect.poll(() => readdirSync(bob.downloadsDir).includes('minutes.txt'), { timeout: 20_000 }).toBe(true);
    expect(readFileSync(join(bob.downloadsDir, 'minutes.txt'), 'utf8')).toBe('minutes');
  });
});
