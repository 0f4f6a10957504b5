// OMEMO in the window (XEP-0384): the chat header's Encryption switch, on by default between two Causettes, from the keyboard;
// the lock on each message; a message that could not be decrypted says so, never the sender's fallback text; axe finds nothing.
import xml from '@xmpp/xml';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient, setPrivacy } from './ui.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;
let carol: Connection;

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
      { username: 'carol', password: 'carol-pass' },
    ],
  });
  carol = await plainClient(server, 'carol', 'carol-pass');
  [alice, bob] = await Promise.all([openSignedIn(server, 'alice', 'alice-pass'), openSignedIn(server, 'bob', 'bob-pass')]);
  await setPrivacy(alice.page, { holdRequests: false });
  await setPrivacy(bob.page, { holdRequests: false });
});

afterAll(async () => {
  await carol?.stop();
  await alice?.close();
  await bob?.close();
  await server?.dispose();
});

const conversation = (page: Page, name: string): Locator => page.getByRole('region', { name: `Conversation with ${name}` });
const message = (page: Page, name: string, text: string): Locator =>
  conversation(page, name).getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: text });

async function send(page: Page, name: string, body: string): Promise<void> {
  const composer = conversation(page, name).getByRole('textbox', { name: 'Message' });
  await composer.fill(body);
  await composer.press('Enter');
}

describe('end-to-end encryption in the window', () => {
  it('is on by default between two Causettes, locks each message, and turns off from the keyboard', async () => {
    await alice.page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('Contact address').fill('bob@localhost');
    await dialog.getByLabel('Name').fill('Bob');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await alice.page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: 'Bob' }).getByRole('button').click();

    const toggle = conversation(alice.page, 'Bob').getByRole('button', { name: 'Encryption' });
    await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await send(alice.page, 'Bob', 'a secret for bob');
    await message(alice.page, 'Bob', 'a secret for bob').getByRole('img', { name: 'Encrypted', exact: true }).waitFor({ timeout: 10_000 });
    await bob.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /alice@localhost/ }).click({ timeout: 10_000 });
    // Bob has not verified alice's device: his lock says so.
    await message(bob.page, 'alice@localhost', 'a secret for bob').getByRole('img', { name: 'Encrypted, device not verified', exact: true }).waitFor({ timeout: 10_000 });
    // Bob's switch is on too: alice's devices are known to him.
    await expect.poll(() => conversation(bob.page, 'alice@localhost').getByRole('button', { name: 'Encryption' }).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

    await toggle.focus();
    await alice.page.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 5_000 }).toBe('false');
    await send(alice.page, 'Bob', 'plain words');
    await message(alice.page, 'Bob', 'plain words').getByRole('img', { name: 'Not encrypted', exact: true }).waitFor({ timeout: 10_000 });
    await message(bob.page, 'alice@localhost', 'plain words').getByRole('img', { name: 'Not encrypted', exact: true }).waitFor({ timeout: 10_000 });
    expect(await violations(alice.page)).toEqual([]);
  });

  it('lists bob’s device with its fingerprint in his details, and verifies it', async () => {
    await conversation(alice.page, 'Bob').getByRole('button', { name: 'Details' }).click();
    const details = alice.page.getByRole('region', { name: 'Bob' });
    const devices = details.getByRole('region', { name: 'Encryption (OMEMO)' });
    const device = devices.getByRole('listitem').first();
    await device.waitFor({ timeout: 10_000 });
    // The version spoken with it is tagged: OMEMO 2 between two Causettes, 0.3 until bob's OMEMO 2 list is in.
    expect(await device.textContent()).toMatch(/Device \d+OMEMO (2|0\.3)([0-9a-f]{8} ){7}[0-9a-f]{8}Trusted until you verify a device/);
    expect(await devices.textContent()).toMatch(/Your device \d+: ([0-9a-f]{8} ){7}[0-9a-f]{8}/);
    await device.getByRole('button', { name: /^Verify device \d+$/ }).click();
    await expect.poll(() => device.textContent(), { timeout: 5_000 }).toContain('Verified');
    expect(await device.getByRole('button', { name: /^Verify device/ }).count()).toBe(0);
    expect(await violations(alice.page)).toEqual([]);
    await details.getByRole('button', { name: 'Close' }).click();
  });

  it('shows a message it could not decrypt as such, never the fallback body', async () => {
    await carol.send(
      xml(
        'message',
        { type: 'chat', to: 'alice@localhost', id: 'broken-1' },
        xml('encrypted', { xmlns: 'eu.siacs.conversations.axolotl' }, xml('header', { sid: '4242' }, xml('key', { rid: '1' }, 'AAAA'), xml('iv', {}, 'AAAAAAAAAAAAAAAA')), xml('payload', {}, 'AAAA')),
        xml('body', {}, 'I sent you an OMEMO encrypted message but your client doesn’t seem to support that.'),
      ),
    );
    await alice.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /carol@localhost/ }).click({ timeout: 10_000 });
    const shown = message(alice.page, 'carol@localhost', 'Could not decrypt this message (from device 4242)');
    await shown.waitFor({ timeout: 10_000 });
    await shown.getByRole('img', { name: 'Encrypted, device not verified', exact: true }).waitFor();
    expect(await conversation(alice.page, 'carol@localhost').textContent()).not.toContain('I sent you an OMEMO');
  });

  it('with encryption turned on for carol, who has no OMEMO devices, the message fails with the reason in the window’s words', async () => {
    const toggle = conversation(alice.page, 'carol@localhost').getByRole('button', { name: 'Encryption' });
    await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 5_000 }).toBe('true');
    await send(alice.page, 'carol@localhost', 'not for carol in the clear');
    const failed = message(alice.page, 'carol@localhost', 'not for carol in the clear');
    // The catalogue's sentence, not the core's English one.
    await failed.getByText('carol@localhost has no OMEMO devices, so this message was not sent unencrypted.', { exact: false }).waitFor({ timeout: 10_000 });
    await failed.getByRole('button', { name: 'Retry' }).waitFor();
  });
});
