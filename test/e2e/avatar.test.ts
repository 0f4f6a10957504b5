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

  it('publishes the square chosen by dragging the picture or with the arrow keys, not only the centred one', async () => {
    const { page } = alice;
    const section = page.getByRole('region', { name: 'Avatar' });
    // 200×100: red on the left half, blue on the right; the first square offered is the left one.
    const halves = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 200;
      canvas.height = 100;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no canvas');
      context.fillStyle = '#ff0000';
      context.fillRect(0, 0, 100, 100);
      context.fillStyle = '#0000ff';
      context.fillRect(100, 0, 100, 100);
      return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
    });
    const published = section.locator('img.avatar-image');
    const centreColour = () =>
      published.evaluate((image: HTMLImageElement) => {
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d');
        context?.drawImage(image, 0, 0);
        return [...(context?.getImageData(64, 64, 1, 1).data ?? [])].slice(0, 3);
      });
    const crop = section.getByRole('img', { name: 'Picture to crop' });

    const pick = () => section.getByLabel('Avatar image').setInputFiles({ name: 'halves.png', mimeType: 'image/png', buffer: Buffer.from(halves, 'base64') });

    // The arrow keys move the picture: to the left, its right half comes into the square.
    await pick();
    await crop.focus();
    for (let press = 0; press < 30; press += 1) await page.keyboard.press('ArrowLeft');
    await section.getByRole('button', { name: 'Use this picture' }).click();
    await expect.poll(centreColour, { timeout: 10_000 }).toEqual([0, 0, 255]);
    await section.getByRole('button', { name: 'Remove avatar' }).click();
    await published.waitFor({ state: 'detached', timeout: 10_000 });

    // So does dragging it.
    await pick();
    const box = await crop.boundingBox();
    if (!box) throw new Error('the crop view is not shown');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - box.width, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await section.getByRole('button', { name: 'Use this picture' }).click();
    await expect.poll(centreColour, { timeout: 10_000 }).toEqual([0, 0, 255]);
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
