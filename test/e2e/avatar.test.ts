import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';

let server: ProsodyServer;
let alice: BrowserMode;

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }] });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await alice?.close();
  await server?.dispose();
});

/** A 1×1 PNG, as a user might pick. */
const picked = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('our avatar', () => {
  it('alice picks an image under Settings → Avatar, confirms its square and sees it published as a 128×128 PNG', async () => {
    const { page } = alice;
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Avatar' });
    await section.getByLabel('Avatar image').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picked });
    // Nothing is published before the crop is confirmed.
    await section.getByRole('img', { name: 'Preview' }).waitFor({ timeout: 10_000 });
    expect(await section.locator('img.avatar-image').count()).toBe(0);
    await section.getByRole('button', { name: 'Use this picture' }).click();
    const image = section.locator('img.avatar-image');
    await image.waitFor({ timeout: 10_000 });
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await image.evaluate((element: HTMLImageElement) => [element.naturalWidth, element.naturalHeight])).toEqual([128, 128]);
    expect(await section.getByRole('alert').count()).toBe(0);
  });

  it('a picked picture can be cancelled, and the avatar removed', async () => {
    const section = alice.page.getByRole('region', { name: 'Avatar' });
    await section.getByLabel('Avatar image').setInputFiles({ name: 'other.png', mimeType: 'image/png', buffer: picked });
    await section.getByRole('button', { name: 'Cancel' }).click();
    expect(await section.getByRole('img', { name: 'Preview' }).count()).toBe(0);
    await section.getByRole('button', { name: 'Remove avatar' }).click();
    await section.locator('img.avatar-image').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await section.getByRole('button', { name: 'Remove avatar' }).count()).toBe(0);
    expect(await section.getByRole('alert').count()).toBe(0);
  });

  it('says in an alert when the file is not an image', async () => {
    const section = alice.page.getByRole('region', { name: 'Avatar' });
    await section.getByLabel('Avatar image').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await expect.poll(() => section.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('not an image');
  });
});
