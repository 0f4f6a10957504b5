// Direct transfers and privacy in the window (issue 13 point 9): alice sees bob's presence but he does not see hers, so a
// file between them goes through the server's proxy, and both conversations and panels say it is because the other is
// no mutual contact; once each allows the other (bob from the offer, alice in the contact's details with a checkbox, from
// the keyboard), the next file goes directly and nothing more is said. axe finds nothing wrong with the details nor the rows.
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { dropFile, openChat, startPair } from './transfer-ui.ts';
import { words } from './words.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;
const say = words('en');

let close: () => Promise<void> = () => Promise.resolve();

beforeAll(async () => {
  // Alice subscribes to bob's presence and he approves, without asking for hers: no mutual subscription.
  ({ server, alice, bob, close } = await startPair('alice-to-bob'));
});

afterAll(() => close());

/** The panel's entry for this file once it reached 100 %: its facts line and its whole text. */
async function finished(page: Page, name: string): Promise<{ facts: string; text: string }> {
  await page.getByRole('button', { name: new RegExp(`^${say('transfers.open')}`) }).click();
  const panel = page.getByRole('dialog', { name: say('transfers.panelTitle') });
  const entry = panel.getByRole('listitem').filter({ hasText: name });
  await expect.poll(() => entry.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
  const result = { facts: (await entry.locator('.transfer-facts').textContent()) ?? '', text: (await entry.textContent()) ?? '' };
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  return result;
}

/** Opens the contact's details from the conversation and ticks "Allow direct connections" with the keyboard. */
async function allowDirect(page: Page, view: Locator, peer: string): Promise<void> {
  await view.getByRole('button', { name: say('chat.details') }).click();
  const details = page.getByRole('region', { name: peer });
  const box = details.getByLabel(say('contact.allowDirect', { name: peer }));
  await expect.poll(() => box.isEnabled(), { timeout: 10_000 }).toBe(true);
  expect(await box.isChecked()).toBe(false);
  await box.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => box.isChecked(), { timeout: 5_000 }).toBe(true);
  expect(await details.textContent()).toContain(say('contact.allowDirectHint', { name: peer }));
  expect(await violations(page)).toEqual([]);
  await details.getByRole('button', { name: say('common.close') }).click();
}

describe('direct transfers with someone who is no mutual contact', () => {
  it('go through the proxy and say why, then directly once each allows the other (from the offer, from the details)', async () => {
    const aliceJid = `alice@${server.domain}`;
    const bobJid = `bob@${server.domain}`;
    await alice.page.getByRole('button', { name: new RegExp(bobJid.replace('.', '\\.')) }).first().waitFor({ timeout: 20_000 });
    const view = await openChat(alice.page, bobJid);
    await dropFile(alice.page, view, 'first.bin', randomBytes(50_000));
    const mine = view.getByRole('list', { name: say('transfers.label') }).getByRole('listitem').filter({ hasText: 'first.bin' });
    await mine.getByText(say('transfers.withheld.notMutual', { name: bobJid })).waitFor({ timeout: 20_000 });

    const bobView = await openChat(bob.page, aliceJid);
    const offer = bobView.getByRole('list', { name: say('transfers.label') }).getByRole('listitem').filter({ hasText: 'first.bin' });
    await offer.getByText(say('transfers.withheld.notMutual', { name: aliceJid })).waitFor({ timeout: 20_000 });
    expect(await violations(bob.page)).toEqual([]);
    // Bob allows alice from the offer itself (she has no details page for him to go to first).
    await offer.getByRole('button', { name: say('contact.allowDirect', { name: aliceJid }) }).click();
    await offer.getByText(say('transfers.allowedDirect', { name: aliceJid })).waitFor();
    await offer.getByRole('button', { name: say('transfers.acceptLabel', { name: 'first.bin' }) }).click();
    const [sent, received] = await Promise.all([finished(alice.page, 'first.bin'), finished(bob.page, 'first.bin')]);
    expect(sent.facts.split(' · ').at(-1)).toBe(say('transfers.method.proxy'));
    expect(sent.text).toContain(say('transfers.withheld.notMutual', { name: bobJid }));
    expect(received.facts.split(' · ').at(-1)).toBe(say('transfers.method.proxy'));

    // Alice's address was still kept from bob: the first file went by the proxy all the same.
    await allowDirect(alice.page, view, bobJid);
    const again = await openChat(alice.page, bobJid);
    await dropFile(alice.page, again, 'second.bin', randomBytes(50_000));
    await bob.page.getByRole('region', { name: say('chat.with', { name: aliceJid }) }).waitFor();
    const bobAgain = bob.page.getByRole('region', { name: say('chat.with', { name: aliceJid }) });
    const second = bobAgain.getByRole('list', { name: say('transfers.label') }).getByRole('listitem').filter({ hasText: 'second.bin' });
    await second.getByRole('button', { name: say('transfers.acceptLabel', { name: 'second.bin' }) }).click({ timeout: 20_000 });
    const [sentDirect, receivedDirect] = await Promise.all([finished(alice.page, 'second.bin'), finished(bob.page, 'second.bin')]);
    expect(sentDirect.facts.split(' · ').at(-1)).toBe(say('transfers.method.direct'));
    expect(receivedDirect.facts.split(' · ').at(-1)).toBe(say('transfers.method.direct'));
    expect(sentDirect.text).not.toContain(say('transfers.withheld.notMutual', { name: bobJid }));
  });
});
