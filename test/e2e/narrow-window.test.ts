// A narrow window (720 px and less) shows one pane at a time: the sidebar, or the conversation opened from it, with
// nothing covering the messages; a wide one shows both.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';

let server: ProsodyServer;
let ui: BrowserMode;

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }, { username: 'bob', password: 'bob-pass' }] });
  ui = await openSignedIn(server, 'alice', 'alice-pass');
});

afterAll(async () => {
  await ui?.close();
  await server?.dispose();
});

type Box = NonNullable<Awaited<ReturnType<Locator['boundingBox']>>>;

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('Not shown');
  return found;
}

/** Nothing drawn over the middle of the element: what is on top there is the element or inside it. */
function uncovered(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((css) => {
    const element = document.querySelector(css);
    if (!element) return false;
    const rect = element.getBoundingClientRect();
    const points = [0.1, 0.5, 0.9].flatMap((x) => [0.1, 0.5, 0.9].map((y) => [rect.left + rect.width * x, rect.top + rect.height * y] as const));
    return points.every(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return top !== null && element.contains(top);
    });
  }, selector);
}

const sidebar = (page: Page) => page.getByRole('navigation');
const conversation = (page: Page) => page.getByRole('region', { name: 'Conversation with bob@localhost' });

describe('a narrow window', () => {
  it('shows the sidebar alone, then the conversation alone, uncovered and within the window; Close goes back', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 700, height: 640 });
    expect(await sidebar(page).isVisible()).toBe(true);
    expect((await box(sidebar(page))).width).toBeGreaterThan(600);

    await page.getByLabel('Start a chat with').fill('bob@localhost');
    await page.keyboard.press('Enter');
    await conversation(page).waitFor({ timeout: 10_000 });
    await page.getByLabel('Message', { exact: true }).fill('Small screens too');
    await page.keyboard.press('Enter');
    await conversation(page).getByRole('listitem').filter({ hasText: 'Small screens too' }).waitFor({ timeout: 10_000 });

    expect(await sidebar(page).isVisible()).toBe(false);
    const messages = await box(conversation(page).getByRole('list', { name: 'Messages' }));
    expect(messages.x).toBeGreaterThanOrEqual(0);
    expect(messages.x + messages.width).toBeLessThanOrEqual(700);
    expect(messages.width).toBeGreaterThan(600);
    expect(await uncovered(page, '.message-scroll')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const composer = await box(page.getByLabel('Message', { exact: true }));
    expect(composer.y + composer.height).toBeLessThanOrEqual(640);

    await conversation(page).getByRole('button', { name: 'Close' }).click();
    await conversation(page).waitFor({ state: 'detached' });
    expect(await sidebar(page).isVisible()).toBe(true);
    // Back on the conversation's entry, for the keyboard to go on from.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-peer'))).toBe('bob@localhost');
  });

  it('shows both panes side by side once wide again', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1100, height: 720 });
    const entry = page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /bob@localhost/ });
    // The entry says when the last message was written: today, so its time.
    expect(await entry.locator('time').textContent()).toMatch(/^\d\d:\d\d( [AP]M)?$/);
    await entry.click();
    await conversation(page).waitFor();
    expect(await sidebar(page).isVisible()).toBe(true);
    const side = await box(sidebar(page));
    const pane = await box(conversation(page));
    expect(side.x + side.width).toBeLessThanOrEqual(pane.x + 1);
    expect(await uncovered(page, '.message-scroll')).toBe(true);
  });
});
