// Room configuration from the interface (XEP-0045 §10.1.3, §10.2, §10.9): alice creates a room with custom settings,
// fills the room's own form (Prosody's, rendered generically from XEP-0004), finds her answers kept when she opens it
// again, and destroys the room with a reason and another room to go to; the dialogs pass axe.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';
import { words } from './words.ts';

const say = words('en');
let server: ProsodyServer;
let alice: BrowserMode;
const service = () => `conference.${server.domain}`;

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }] });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await alice?.close();
  await server?.dispose();
});

async function openJoinDialog(page: Page): Promise<Locator> {
  await page.getByRole('region', { name: say('conversations.title') }).getByRole('button', { name: say('joinRoom.open') }).click();
  const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
  await dialog.waitFor();
  return dialog;
}

/** Prosody's labels for muc#roomconfig_roomname, _persistentroom, _whois and _roomdesc (its muc/*.lib.lua). */
const title = (dialog: Locator) => dialog.getByLabel('Title', { exact: true });
const persistent = (dialog: Locator) => dialog.getByLabel(/^Persistent/);
const whois = (dialog: Locator) => dialog.getByLabel(/^Addresses \(JIDs\) of room occupants may be viewed by/);
const description = (dialog: Locator) => dialog.getByLabel('Description', { exact: true });

async function openSettings(view: Locator, page: Page): Promise<Locator> {
  await view.getByRole('complementary', { name: say('room.occupantsTitle') }).getByRole('button', { name: say('roomConfig.open') }).click();
  const dialog = page.getByRole('dialog', { name: say('roomConfig.title') });
  // The form is read from the room.
  await title(dialog).waitFor({ timeout: 15_000 });
  return dialog;
}

describe('room configuration', () => {
  it('a room created with custom settings is configured, its settings kept, then destroyed with a reason', async () => {
    const { page } = alice;
    const room = `settings@${service()}`;
    const join = await openJoinDialog(page);
    await join.getByLabel(say('joinRoom.address')).fill(room);
    await join.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await join.getByRole('button', { name: say('joinRoom.createCustom') }).click({ timeout: 15_000 });

    // The new room's form comes with its creation: the room waits, locked, for it.
    const created = page.getByRole('dialog', { name: say('roomConfig.title') });
    await title(created).waitFor({ timeout: 15_000 });
    await created.getByText(say('roomConfig.introNew', { room })).waitFor();
    expect(await violations(page)).toEqual([]);
    await title(created).fill('Tea and settings');
    await created.getByRole('button', { name: say('common.save') }).click();
    await created.waitFor({ state: 'detached', timeout: 15_000 });
    // Named for the room's title once the core read it back (and renamed with it below).
    const view = page.getByRole('region', { name: new RegExp(`^${say('room.label', { name: '' })}`) });
    await page.getByRole('region', { name: say('room.label', { name: 'Tea and settings' }) }).waitFor();

    // Opened again from the occupants panel: the title was kept; three more types are changed.
    let dialog = await openSettings(view, page);
    expect(await title(dialog).inputValue()).toBe('Tea and settings');
    expect(await violations(page)).toEqual([]);
    await title(dialog).fill('Tea, settled');
    const wasPersistent = await persistent(dialog).isChecked();
    await persistent(dialog).setChecked(!wasPersistent);
    await whois(dialog).selectOption('anyone');
    await description(dialog).fill('Where the settings are tested');
    await dialog.getByRole('button', { name: say('common.save') }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByRole('region', { name: say('room.label', { name: 'Tea, settled' }) }).waitFor();

    dialog = await openSettings(view, page);
    expect(await title(dialog).inputValue()).toBe('Tea, settled');
    expect(await persistent(dialog).isChecked()).toBe(!wasPersistent);
    expect(await whois(dialog).inputValue()).toBe('anyone');
    expect(await description(dialog).inputValue()).toBe('Where the settings are tested');
    await dialog.getByRole('button', { name: say('common.cancel') }).click();
    await dialog.waitFor({ state: 'detached' });

    // Destroyed, with a reason and a room to go to: alice is out, and told why.
    await view.getByRole('complementary', { name: say('room.occupantsTitle') }).getByRole('button', { name: say('destroyRoom.open') }).click();
    const destroy = page.getByRole('dialog', { name: say('destroyRoom.title', { name: 'Tea, settled' }) });
    await destroy.waitFor();
    expect(await violations(page)).toEqual([]);
    await destroy.getByLabel(say('destroyRoom.reason')).fill('Moving to a bigger room');
    await destroy.getByLabel(say('destroyRoom.alternate')).fill('not a room');
    await destroy.getByRole('button', { name: say('destroyRoom.confirm') }).click();
    await destroy.getByText(say('destroyRoom.badAlternate')).waitFor();
    const alternate = `bigger@${service()}`;
    await destroy.getByLabel(say('destroyRoom.alternate')).fill(alternate);
    await destroy.getByRole('button', { name: say('destroyRoom.confirm') }).click();
    await destroy.waitFor({ state: 'detached', timeout: 15_000 });
    await view.getByText(say('room.destroyedBecause', { reason: 'Moving to a bigger room' })).waitFor({ timeout: 15_000 });
    await view.getByText(say('room.destroyedAlternate', { room: alternate })).waitFor();
    // Its header says so too, and nothing offers to join what is gone.
    await view.getByText(say('room.destroyed'), { exact: true }).waitFor();
    expect(await view.getByRole('button', { name: say('room.rejoin') }).count()).toBe(0);
    expect(await view.getByRole('complementary', { name: say('room.occupantsTitle') }).count()).toBe(0);

    // The room is gone from the server: joining it again meets its tombstone (Prosody keeps one, with the reason).
    const again = await openJoinDialog(page);
    await again.getByLabel(say('joinRoom.address')).fill(room);
    await again.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await again.getByRole('alert').getByText(say('errors.not-found_roomGone', { room }), { exact: false }).waitFor({ timeout: 15_000 });
    await again.getByRole('button', { name: say('common.cancel') }).click();
  });
});
