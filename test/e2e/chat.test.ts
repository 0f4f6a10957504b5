// A chat between two browser-mode instances, through the interface: alice writes, bob reads; bodies are text, never markup.
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;
const dialogs: string[] = [];

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  [alice, bob] = await Promise.all([openSignedIn(server, 'alice', 'alice-pass'), openSignedIn(server, 'bob', 'bob-pass')]);
  for (const page of [alice.page, bob.page]) {
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.dispose();
});

function conversation(page: Page, name: string) {
  return page.getByRole('region', { name: `Conversation with ${name}` });
}

function texts(page: Page, name: string): Promise<string[]> {
  return conversation(page, name)
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .allTextContents()
    .catch(() => []);
}

describe('one-to-one chat between two people', () => {
  it('alice opens a chat from bob’s contact details and sends; bob sees it in his conversations', async () => {
    await alice.page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('Contact address').fill('bob@localhost');
    await dialog.getByLabel('Name').fill('Bob');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await alice.page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: 'Bob' }).getByRole('button').click();
    await alice.page.getByRole('button', { name: 'Send message' }).click();

    const pane = conversation(alice.page, 'Bob');
    await pane.getByRole('textbox', { name: 'Message' }).fill('Hello Bob');
    await pane.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect.poll(() => texts(alice.page, 'Bob'), { timeout: 10_000 }).toEqual([expect.stringMatching(/Hello Bob.*Sent/)]);
    await expect(pane.getByRole('textbox', { name: 'Message' }).inputValue()).resolves.toBe('');

    const entry = bob.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /alice@localhost/ });
    await entry.waitFor({ timeout: 10_000 });
    await expect(entry.textContent()).resolves.toMatch(/Hello Bob.*1/);
    await entry.click();
    await expect.poll(() => texts(bob.page, 'alice@localhost'), { timeout: 10_000 }).toEqual([expect.stringContaining('Hello Bob')]);
    // Shown, so read: the badge goes.
    await expect.poll(() => entry.textContent(), { timeout: 5_000 }).not.toMatch(/1$/);
  });

  it('markup in a body is shown literally and never runs', async () => {
    const body = '<img src=x onerror=alert(1)>';
    const pane = conversation(alice.page, 'Bob');
    await pane.getByRole('textbox', { name: 'Message' }).fill(body);
    await pane.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => texts(bob.page, 'alice@localhost'), { timeout: 10_000 }).toEqual([expect.stringContaining('Hello Bob'), expect.stringContaining(body)]);
    const bobPane = conversation(bob.page, 'alice@localhost');
    expect(await bobPane.locator('img').count()).toBe(0);
    expect(await conversation(alice.page, 'Bob').locator('img').count()).toBe(0);
    await bob.page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it('bob answers by opening a chat with an address that is not one of his contacts', async () => {
    const conversations = bob.page.getByRole('region', { name: 'Conversations' });
    await conversations.getByRole('textbox', { name: 'Start a chat with' }).fill('Alice@LOCALHOST');
    await conversations.getByRole('button', { name: 'Open', exact: true }).click();
    const pane = conversation(bob.page, 'alice@localhost');
    await pane.getByRole('textbox', { name: 'Message' }).fill('Hi Alice,');
    await pane.getByRole('textbox', { name: 'Message' }).press('Shift+Enter');
    await pane.getByRole('textbox', { name: 'Message' }).pressSequentially('two lines');
    await pane.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect.poll(() => texts(alice.page, 'Bob'), { timeout: 10_000 }).toHaveLength(3);
    expect((await texts(alice.page, 'Bob'))[2]).toContain('Hi Alice,\ntwo lines');
  });
});
