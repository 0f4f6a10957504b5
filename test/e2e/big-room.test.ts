// A room of 2,000 occupants in the window (issue 11, point 9): the occupant list is virtual (a few dozen rows in the
// page, not 2,000), keeps its role heading, scrolls from the keyboard to the last occupant, and the room's stream of
// messages shows. The room is the bench's Prosody component (bench/prosody/mod_bench_room.lua).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';
import { words } from './words.ts';

const say = words('en');
const occupants = 2000;
let server: ProsodyServer;
let alice: BrowserMode;

beforeAll(async () => {
  server = await startProsody({
    users: [{ username: 'alice', password: 'alice-pass' }],
    pluginPaths: [fileURLToPath(new URL('../../bench/prosody/', import.meta.url))],
    extraConfig: [`Component "rooms.localhost" "bench_room"`, `  bench_room_occupants = ${String(occupants)}`, '  bench_room_rate = 20', '  bench_room_seconds = 5', ''].join('\n'),
  });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await alice?.close();
  await server?.dispose();
});

describe('a room of 2,000', () => {
  it('lists every occupant under its role with a few rows in the page, and the keyboard reaches the last one', async () => {
    const { page } = alice;
    await page.getByRole('button', { name: say('joinRoom.open') }).click();
    const dialog = page.getByRole('dialog', { name: say('joinRoom.title') });
    await dialog.getByLabel(say('joinRoom.address')).fill('busy@rooms.localhost');
    await dialog.getByRole('button', { name: say('joinRoom.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    const view = page.getByRole('region', { name: say('room.label', { name: 'Bench room' }) });
    await view.getByText(say('room.occupants_other', { count: occupants + 1 })).waitFor({ timeout: 20_000 });

    const panel = view.getByRole('complementary', { name: say('room.occupantsTitle') });
    const participants = panel.getByRole('region', { name: new RegExp(`^${say('room.participants')}`) });
    await participants.getByRole('heading').getByText(String(occupants + 1)).waitFor();
    const rows = participants.getByRole('listitem');
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(120);
    // Each row says where it stands in the whole list.
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(occupants + 1));

    // The panel scrolls from the keyboard; at its end, the last occupant by name is there, under its heading still.
    await panel.focus();
    await page.keyboard.press('End');
    const last = participants.getByRole('button', { name: say('room.messagePrivately', { nick: 'user999' }) });
    await last.waitFor({ timeout: 5_000 });
    expect(await participants.getByRole('heading').count()).toBe(1);
    expect(await rows.count()).toBeLessThan(120);
    // Tab goes through the occupants' buttons, the focused one kept in view and in the page.
    await last.focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset'))).toBe(String(occupants));

    // The room's messages come in meanwhile: the last of its stream is shown.
    await view.getByRole('list', { name: say('messages.label') }).getByText(/^bench 100 /).waitFor({ timeout: 15_000 });
    expect(await violations(page)).toEqual([]);
  });
});
