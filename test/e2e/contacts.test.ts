import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';

const outputDir = resolve(import.meta.dirname, '..', '..', 'test-results');
let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true });
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  [alice, bob] = await Promise.all([openSignedIn(server, 'alice', 'alice-pass'), openSignedIn(server, 'bob', 'bob-pass')]);
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.dispose();
});

/** The text of a contact's row in the list, named by the contact. */
function row(page: Page, name: string) {
  return page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name });
}

function rowText(page: Page, name: string): Promise<string> {
  return row(page, name)
    .textContent({ timeout: 1_000 })
    .then((text) => text ?? '')
    .catch(() => '');
}

describe('contacts and presence between two people', () => {
  it('alice adds bob; bob approves and adds her back; each sees the other online', async () => {
    await alice.page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'Add contact' });
    // Typed without its server, the address is completed with alice's own, to confirm.
    await dialog.getByLabel('Contact address').fill('bob');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('did you mean bob@localhost?').waitFor();
    expect(await dialog.getByLabel('Contact address').inputValue()).toBe('bob@localhost');
    await dialog.getByLabel('Name').fill('Bob');
    await dialog.getByLabel('Group').fill('Friends');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rowText(alice.page, 'Bob'), { timeout: 10_000 }).toContain('Waiting for approval');

    const requests = bob.page.getByRole('region', { name: 'Contact requests' });
    await requests.waitFor({ timeout: 15_000 });
    const request = requests.getByRole('listitem', { name: 'alice@localhost' });
    expect(await request.getByLabel('Add to my contacts').isChecked()).toBe(true);
    await request.getByRole('button', { name: 'Approve' }).click();
    await requests.waitFor({ state: 'detached', timeout: 10_000 });

    await expect.poll(() => rowText(alice.page, 'Bob'), { timeout: 15_000 }).toContain('Online');
    expect(await rowText(alice.page, 'Bob')).not.toContain('Waiting for approval');

    // Bob's request back needs no click: adding bob pre-approved him (RFC 6121 §3.4), so the server grants it.
    await expect.poll(() => rowText(bob.page, 'alice@localhost'), { timeout: 15_000 }).toContain('Online');
    expect(await alice.page.getByRole('region', { name: 'Contact requests' }).count()).toBe(0);
  });

  it('bob switches to Do not disturb with a message; alice sees “Do not disturb” and the message', async () => {
    await bob.page.getByLabel('Status message').fill('In a meeting until 3');
    // Prosody 0.12 here has no invisibility: the menu says so at the choice itself, with no line of its own in the bar.
    const invisible = bob.page.getByLabel('Status', { exact: true }).locator('option[value="invisible"]');
    expect(await invisible.textContent()).toBe('Invisible (not offered by this server)');
    expect(await invisible.isDisabled()).toBe(true);
    expect(await bob.page.getByRole('region', { name: 'Connection' }).getByText(/Invisibility/).count()).toBe(0);
    await bob.page.getByLabel('Status', { exact: true }).selectOption({ label: 'Do not disturb' });
    await expect.poll(() => bob.page.getByLabel('Status', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('dnd');
    // Bob's own account bar shows his chosen state, not only that he is connected.
    const bobState = bob.page.getByRole('region', { name: 'Connection' }).getByRole('status');
    await expect.poll(() => bobState.textContent(), { timeout: 10_000 }).toBe('Do not disturb');

    await expect.poll(() => rowText(alice.page, 'Bob'), { timeout: 15_000 }).toContain('Do not disturb');
    expect(await rowText(alice.page, 'Bob')).toContain('In a meeting until 3');

    // A click on the contact opens the conversation, whose header says who it is with and how they are.
    await row(alice.page, 'Bob').getByRole('button').click();
    const chat = alice.page.getByRole('region', { name: 'Conversation with Bob' });
    await chat.waitFor();
    expect(await row(alice.page, 'Bob').getByRole('button').getAttribute('aria-current')).toBe('true');
    const head = chat.locator('.chat-head');
    await expect.poll(() => head.textContent()).toMatch(/Do not disturb, In a meeting until 3/);
    // Both use OMEMO (XEP-0384): the conversation is encrypted by default.
    await expect.poll(() => chat.getByRole('button', { name: 'Encryption' }).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    // The details are one click away from there, and closing them goes back to the conversation.
    await chat.getByRole('button', { name: 'Details' }).click();
    const details = alice.page.getByRole('region', { name: 'Bob' });
    await details.waitFor();
    expect(await details.textContent()).toContain('You see each other’s presence.');
    await alice.page.screenshot({ path: join(outputDir, 'contact-details.png') });
    await details.getByRole('button', { name: 'Close' }).click();
    await chat.waitFor();
    await expect.poll(() => alice.page.evaluate(() => document.activeElement?.textContent)).toBe('Details');
    await alice.page.screenshot({ path: join(outputDir, 'contact-conversation.png') });

    await alice.page.emulateMedia({ colorScheme: 'light' });
    await alice.page.screenshot({ path: join(outputDir, 'contacts-light.png') });
    await alice.page.emulateMedia({ colorScheme: 'dark' });
    await alice.page.screenshot({ path: join(outputDir, 'contacts-dark.png') });
  });
});
