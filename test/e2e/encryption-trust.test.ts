// Trust in OMEMO devices in the window (XEP-0384 §8): the lock on each incoming message follows its device's trust, a device
// is verified by pasting the code its QR holds (the encryption panel shows ours), a wrong code is refused, and a verified
// contact's new device brings a banner until the user decides, or dismisses it: dismissed, it stays so after a restart,
// and another new device brings it back; each device row tags the OMEMO version spoken with it; axe finds nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import { buildDeviceListPublish, buildDeviceListRequest, parseDeviceList } from '../../electron/core/omemo/axolotl-device-list.ts';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient, setPrivacy, signIn, waitUntilOnline } from './ui.ts';

let server: ProsodyServer;
let alice: BrowserMode;
let bob: BrowserMode;
let bobLaptop: BrowserMode | undefined;
let bobScript: Connection | undefined;
/** alice's profile, kept across a restart of her window and core. */
const aliceProfile = join(mkdtempSync(join(tmpdir(), 'causette-e2e-trust-')), 'profile');

/** alice's window on her kept profile: signed in with her password remembered, or (a restart) signing in by itself. */
async function openAlice(first: boolean): Promise<BrowserMode> {
  const ui = await openBrowserMode({ caPem: server.caPem, profileDir: aliceProfile });
  if (first) {
    await ui.page.getByLabel('Remember password').check();
    await signIn(ui.page, server.c2sPort, 'alice@localhost', 'alice-pass');
  }
  await waitUntilOnline(ui.page);
  return ui;
}

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  [alice, bob] = await Promise.all([openAlice(true), openSignedIn(server, 'bob', 'bob-pass')]);
  await setPrivacy(alice.page, { holdRequests: false });
  await setPrivacy(bob.page, { holdRequests: false });
});

afterAll(async () => {
  await bobScript?.stop();
  await bobLaptop?.close();
  await alice?.close();
  await bob?.close();
  await server?.dispose();
  rmSync(join(aliceProfile, '..'), { recursive: true, force: true });
});

const conversation = (page: Page, name: string): Locator => page.getByRole('region', { name: `Conversation with ${name}` });
const message = (page: Page, name: string, text: string): Locator =>
  conversation(page, name).getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: text });

async function send(page: Page, name: string, body: string): Promise<void> {
  const composer = conversation(page, name).getByRole('textbox', { name: 'Message' });
  await composer.fill(body);
  await composer.press('Enter');
}

/** The verification link of the page's own device, as its encryption panel shows it beside the QR code. */
async function ownCode(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const panel = page.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'Encryption (OMEMO)' });
  const uri = panel.getByLabel('Verification link');
  await uri.waitFor({ timeout: 10_000 });
  const qr = panel.getByRole('img', { name: /^QR code to verify device \d+$/ });
  expect(await qr.locator('path').getAttribute('d')).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
  const text = (await uri.textContent()) ?? '';
  expect(await violations(page)).toEqual([]);
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close' }).click();
  return text;
}

describe('trust in devices in the window', () => {
  it('locks a message from an unverified device as such, and verifying it by its pasted code changes the lock', async () => {
    await alice.page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('Contact address').fill('bob@localhost');
    await dialog.getByLabel('Name').fill('Bob');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Bob shares his presence, and with it his device list's notifications (XEP-0163 §4.3), which tell alice of new devices.
    const requests = bob.page.getByRole('region', { name: 'Contact requests' });
    await requests.getByRole('listitem', { name: 'alice@localhost' }).getByRole('button', { name: 'Approve' }).click({ timeout: 15_000 });
    await requests.waitFor({ state: 'detached', timeout: 10_000 });
    await alice.page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: 'Bob' }).getByRole('button').click();
    const toggle = conversation(alice.page, 'Bob').getByRole('button', { name: 'Encryption' });
    await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await send(alice.page, 'Bob', 'hello bob');
    await bob.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /alice@localhost/ }).click({ timeout: 10_000 });
    await send(bob.page, 'alice@localhost', 'hello from bob’s phone');
    const fromBob = message(alice.page, 'Bob', 'hello from bob’s phone');
    await fromBob.getByRole('img', { name: 'Encrypted, device not verified', exact: true }).waitFor({ timeout: 10_000 });

    const code = await ownCode(bob.page);
    expect(code).toMatch(/^xmpp:bob@localhost\?omemo-sid-\d+=[0-9a-f]{64}$/);

    await conversation(alice.page, 'Bob').getByRole('button', { name: 'Details' }).click();
    const details = alice.page.getByRole('region', { name: 'Bob' }).getByRole('region', { name: 'Encryption (OMEMO)' });
    const field = details.getByLabel('Verify with Bob’s code');
    // Another key than bob's: refused, and said why.
    await field.fill(code.replace(/=[0-9a-f]{64}$/, `=${'ab'.repeat(32)}`));
    await field.press('Enter');
    await details.getByRole('alert').getByText(/has another fingerprint than this code says: nothing was verified/).waitFor({ timeout: 5_000 });
    await field.fill('not a code');
    await details.getByRole('button', { name: 'Verify', exact: true }).click();
    await details.getByRole('alert').getByText(/neither an OMEMO verification link/).waitFor({ timeout: 5_000 });

    await field.fill(code);
    await field.press('Enter');
    await details.getByRole('status').getByText(/^Device \d+ verified\.$/).waitFor({ timeout: 5_000 });
    const device = details.getByRole('listitem', { name: `Device ${code.slice(code.indexOf('sid-') + 4, code.indexOf('='))}` });
    expect(await device.textContent()).toContain('Verified');
    // Two Causettes speak OMEMO 2 with each other (XEP-0384 v0.8 §5.5.2): the row says so.
    await device.locator('.omemo-version').getByText('OMEMO 2', { exact: true }).waitFor({ timeout: 10_000 });
    // Bob's message was decrypted here: the device's last-seen is shown.
    expect(await device.textContent()).toMatch(/Last message decrypted: .*\d/);
    expect(await violations(alice.page)).toEqual([]);
    await alice.page.getByRole('region', { name: 'Bob' }).getByRole('button', { name: 'Close' }).click();

    // The message that came before the verification now says its device is verified.
    await fromBob.getByRole('img', { name: 'Encrypted, from a verified device', exact: true }).waitFor({ timeout: 5_000 });
    await message(alice.page, 'Bob', 'hello bob').getByRole('img', { name: 'Encrypted', exact: true }).waitFor();
  });

  it('tells of bob’s new device, not encrypted for until alice trusts it; bob verifies it among his own devices', async () => {
    bobLaptop = await openSignedIn(server, 'bob', 'bob-pass');
    const banner = conversation(alice.page, 'Bob').getByText(/^Bob has a new device \(\d+\) that you have not verified\. Messages are not encrypted for it\.$/);
    await banner.waitFor({ timeout: 15_000 });
    expect(await violations(alice.page)).toEqual([]);
    const bar = conversation(alice.page, 'Bob').locator('.new-device-bar');
    await bar.getByRole('button', { name: 'Verify…' }).click();
    await expect.poll(() => alice.page.evaluate(() => document.activeElement?.getAttribute('type')), { timeout: 5_000 }).toBe('text');
    await bar.getByRole('button', { name: 'Trust it' }).click();
    await banner.waitFor({ state: 'detached', timeout: 5_000 });

    // Trusted, the laptop now gets alice's messages.
    await send(alice.page, 'Bob', 'for both of bob’s devices');
    await bobLaptop.page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /alice@localhost/ }).click({ timeout: 15_000 });
    await message(bobLaptop.page, 'alice@localhost', 'for both of bob’s devices').getByRole('img', { name: 'Encrypted, device not verified', exact: true }).waitFor({ timeout: 15_000 });

    // Bob's phone lists the laptop among his other devices in its encryption panel, and verifies it by the laptop's code.
    const laptopCode = await ownCode(bobLaptop.page);
    await bob.page.getByRole('button', { name: 'Settings' }).click();
    const panel = bob.page.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'Encryption (OMEMO)' });
    const laptopId = laptopCode.slice(laptopCode.indexOf('sid-') + 4, laptopCode.indexOf('='));
    const row = panel.getByRole('listitem', { name: `Device ${laptopId}` });
    await row.waitFor({ timeout: 10_000 });
    const field = panel.getByLabel('Verify with another device’s code');
    await field.fill(laptopCode);
    await field.press('Enter');
    await panel.getByRole('status').getByText(`Device ${laptopId} verified.`).waitFor({ timeout: 5_000 });
    expect(await row.textContent()).toContain('Verified');
    // Settings → Encryption tags the version too: his two Causettes speak OMEMO 2.
    await row.locator('.omemo-version').getByText('OMEMO 2', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await violations(bob.page)).toEqual([]);
  });

  it('keeps a dismissed banner dismissed after a restart, and shows it again for another new device', async () => {
    // Another client of bob's announces new devices in his list (XEP-0384 §4.2), keeping the ids already there.
    bobScript = await plainClient(server, 'bob', 'bob-pass');
    const script = bobScript;
    const listed = parseDeviceList(await script.iq(buildDeviceListRequest(undefined), 10_000)) ?? [];
    expect(listed).toHaveLength(2);
    const announce = (ids: readonly number[]) => script.iq(buildDeviceListPublish([...listed, ...ids]), 10_000);
    const bannerFor = (page: Page, device: number) => conversation(page, 'Bob').getByText(`Bob has a new device (${String(device)}) that you have not verified. Messages are not encrypted for it.`);
    await announce([424242]);
    const first = bannerFor(alice.page, 424242);
    await first.waitFor({ timeout: 15_000 });
    await conversation(alice.page, 'Bob').locator('.new-device-bar').filter({ hasText: '424242' }).getByRole('button', { name: 'Dismiss' }).click();
    await first.waitFor({ state: 'detached', timeout: 5_000 });

    // alice's window and core start again on the same profile.
    await alice.close();
    alice = await openAlice(false);
    await alice.page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: 'Bob' }).getByRole('button').click();
    // Her core knows the device (listed in Bob's details) and still has its banner dismissed.
    await conversation(alice.page, 'Bob').getByRole('button', { name: 'Details' }).click();
    const announced = alice.page.getByRole('region', { name: 'Bob' }).getByRole('region', { name: 'Encryption (OMEMO)' }).getByRole('listitem', { name: 'Device 424242' });
    await announced.waitFor({ timeout: 15_000 });
    // Announced on the OMEMO 0.3 list only: spoken to in 0.3, and the row says so.
    await announced.locator('.omemo-version').getByText('OMEMO 0.3', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await violations(alice.page)).toEqual([]);
    await alice.page.getByRole('region', { name: 'Bob' }).getByRole('button', { name: 'Close' }).click();
    expect(await bannerFor(alice.page, 424242).count()).toBe(0);

    // Another new device of bob's: its banner shows, the dismissed one's does not come back.
    await announce([424242, 515151]);
    await bannerFor(alice.page, 515151).waitFor({ timeout: 15_000 });
    expect(await bannerFor(alice.page, 424242).count()).toBe(0);
    expect(await violations(alice.page)).toEqual([]);
  });
});
