import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';

let server: ProsodyServer;
let alice: BrowserMode;

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }, { username: 'bob', password: 'bob-pass' }] });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await alice?.close();
  await server?.dispose();
});

describe('blocking a contact', () => {
  it('alice blocks bob from his details, sees it in his row and under Settings → Blocked contacts, then unblocks him', async () => {
    const { page } = alice;
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('Contact address').fill('bob@localhost');
    await dialog.getByLabel('Name').fill('Bob');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: 'Bob' });
    await row.getByRole('button').click();
    await page.getByRole('region', { name: 'Conversation with Bob' }).getByRole('button', { name: 'Details' }).click();
    const details = page.getByRole('region', { name: 'Bob' });
    await details.getByRole('button', { name: 'Block', exact: true }).click();
    const question = details.getByRole('group', { name: /Block Bob/ });
    // Prosody 0.12 offers no spam reporting (XEP-0377), so only the plain choice is there.
    expect(await question.getByRole('button', { name: 'Block and report spam' }).count()).toBe(0);
    await question.getByRole('button', { name: 'Block', exact: true }).click();
    await details.getByRole('button', { name: 'Unblock' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Blocked');
    // Blocked comes first, in place of the presence: the row says nothing else about bob's state.
    expect(await row.textContent()).toMatch(/Bob ?Blocked, Waiting for approval$/);

    await page.getByRole('button', { name: 'Settings' }).click();
    const blocked = page.getByRole('list', { name: 'Blocked contacts' });
    await blocked.getByText('bob@localhost').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Unblock bob@localhost' }).click();
    await blocked.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).not.toContain('Blocked');
  });
});
