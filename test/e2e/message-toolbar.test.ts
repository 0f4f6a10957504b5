// The toolbar of a message, measured on screen: inside the visible list and on one line, for a very wide and a
// one-letter message either side, at the top edge of the view too; the question before deleting is a row of its own
// under the message, its answers whole and not covered.
import xml from '@xmpp/xml';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn, plainClient } from './ui.ts';

let server: ProsodyServer;
let ui: BrowserMode;
let page: Page;
let bob: Connection;
let bobJid: string;

const wideIn = 'A very wide message from Bob, '.repeat(14);
const wideOut = 'An equally wide message from Alice, '.repeat(12);

beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pass' },
      { username: 'bob', password: 'bob-pass' },
    ],
  });
  bobJid = `bob@${server.domain}`;
  bob = await plainClient(server, 'bob', 'bob-pass');
  ui = await openSignedIn(server, 'alice', 'alice-pass');
  page = ui.page;
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await conversations.getByRole('textbox', { name: 'Start a chat with' }).fill(bobJid);
  await conversations.getByRole('button', { name: 'Open', exact: true }).click();
  for (const body of [wideOut, 'y']) {
    await composer().fill(body);
    await composer().press('Enter');
    await message(body).waitFor({ timeout: 10_000 });
  }
  // Enough after them for the list to scroll.
  const fillers = Array.from({ length: 6 }, (_, index) => `Filler ${index + 1}`);
  for (const [index, body] of [wideIn, 'k', ...fillers].entries()) {
    await bob.send(xml('message', { type: 'chat', to: `alice@${server.domain}`, id: `toolbar-${index}` }, xml('body', {}, body)));
    await message(body).waitFor({ timeout: 10_000 });
  }
});

afterAll(async () => {
  await bob?.stop();
  await ui?.close();
  await server?.dispose();
});

function conversation(): Locator {
  return page.getByRole('region', { name: `Conversation with ${bobJid}` });
}

function composer(): Locator {
  return conversation().getByRole('textbox', { name: 'Message' });
}

/** The message whose whole text is `body`. */
function message(body: string): Locator {
  return conversation()
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem')
    .filter({ has: page.locator('.message-body').getByText(body, { exact: true }) });
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The part of the message list one sees: the scrolling box without its scroll bar. */
function visibleList(): Promise<Box> {
  return conversation()
    .getByRole('list', { name: 'Messages' })
    .evaluate((list) => {
      const scroller = list.parentElement as HTMLElement;
      const frame = scroller.getBoundingClientRect();
      const left = frame.left + scroller.clientLeft;
      const top = frame.top + scroller.clientTop;
      return { left, top, right: left + scroller.clientWidth, bottom: top + scroller.clientHeight };
    });
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('Not on screen.');
  return { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
}

const inside = (inner: Box, outer: Box) => inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;

/** Hovers the message; its toolbar must show whole inside the visible list, its buttons side by side on one line. */
async function expectToolbarInView(item: Locator): Promise<void> {
  const toolbar = item.getByRole('group', { name: 'Message actions' });
  // The list may still be settling (scrolled to the newest as rows are measured): hovered again until it rests.
  await expect
    .poll(
      async () => {
        await item.hover();
        const shown = await toolbar.evaluate((element) => getComputedStyle(element).opacity === '1');
        const bar = await toolbar.boundingBox();
        const list = await visibleList();
        const box = bar && { left: bar.x, top: bar.y, right: bar.x + bar.width, bottom: bar.y + bar.height };
        return shown && box !== null && inside(box, list);
      },
      { timeout: 5_000, message: 'the toolbar, shown, whole inside the visible list' },
    )
    .toBe(true);
  // Read in one go, in the page: the virtual list may re-render the row between two separate reads.
  const buttons = await toolbar.evaluate((bar) =>
    [...bar.querySelectorAll('button')]
      .filter((button) => button.getClientRects().length > 0)
      .map((button) => {
        const box = button.getBoundingClientRect();
        return { top: box.top, hit: button.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)) };
      }),
  );
  expect(buttons.length).toBeGreaterThanOrEqual(3);
  const tops = buttons.map((button) => button.top);
  expect(Math.max(...tops) - Math.min(...tops), 'the buttons are on more than one line').toBeLessThan(1);
  // Each button can be hit where it shows: nothing covers it.
  expect(buttons.map((button) => button.hit)).not.toContain(false);
}

describe('the toolbar of a message', () => {
  it('stays inside the list and on one line for a very wide message, ours and theirs', async () => {
    // The first messages, scrolled past as the others came, may be out of the virtual list's rendered rows.
    await conversation().getByRole('list', { name: 'Messages' }).evaluate((list) => list.parentElement?.scrollTo({ top: 0 }));
    await message(wideOut).waitFor({ timeout: 5_000 });
    await expectToolbarInView(message(wideOut));
    await expectToolbarInView(message(wideIn));
  });

  it('stays inside the list and on one line for a one-letter message, ours and theirs', async () => {
    await expectToolbarInView(message('y'));
    await expectToolbarInView(message('k'));
  });

  it('answers a click on an action without a hover first, as a test or a quick hand would', async () => {
    await page.mouse.move(0, 0);
    await message('k').getByRole('button', { name: 'Reply' }).click();
    const replying = conversation().getByRole('group', { name: 'Message being answered' });
    await replying.waitFor({ timeout: 2_000 });
    await replying.getByRole('button', { name: 'Cancel reply' }).click();
    await replying.waitFor({ state: 'detached', timeout: 2_000 });
  });

  it('stays in view for a message cut by the top edge of the list', async () => {
    const item = message(wideIn);
    const list = await visibleList();
    // Bob's wide message scrolled up until its top is just above the visible list.
    await item.evaluate((element, top) => {
      const scroller = element.closest('.message-scroll') as HTMLElement;
      scroller.scrollTop += element.getBoundingClientRect().top - top + 20;
    }, list.top);
    await page.waitForTimeout(200);
    // The part still on screen, well below the edge.
    const box = await boxOf(item);
    await page.mouse.move(box.left + 40, Math.max(box.top, list.top) + 30);
    const toolbar = item.getByRole('group', { name: 'Message actions' });
    await expect.poll(() => toolbar.evaluate((element) => getComputedStyle(element).opacity), { timeout: 2_000 }).toBe('1');
    expect(inside(await boxOf(toolbar), list)).toBe(true);
    await conversation().getByRole('button', { name: 'Jump to latest' }).click();
    await expect.poll(() => conversation().getByRole('button', { name: 'Jump to latest' }).count(), { timeout: 5_000 }).toBe(0);
  });

  it('asks before deleting in a row under the message, its answers whole; Keep gives the focus back', async () => {
    const item = message(wideOut);
    await item.hover();
    await item.getByRole('button', { name: 'Delete for everyone' }).click();
    const question = item.getByRole('group', { name: 'Delete this message for everyone?' });
    await question.waitFor({ timeout: 2_000 });
    const list = await visibleList();
    const itemBox = await boxOf(item);
    const text = await boxOf(item.locator('.message-body'));
    const asked = await boxOf(question);
    expect(asked.top).toBeGreaterThanOrEqual(text.bottom);
    expect(inside(asked, itemBox)).toBe(true);
    // Not squeezed into the toolbar.
    expect(await item.getByRole('group', { name: 'Message actions' }).getByRole('button', { name: 'Keep message' }).count()).toBe(0);
    for (const name of ['Keep message', 'Delete']) {
      const button = question.getByRole('button', { name, exact: true });
      const box = await boxOf(button);
      expect(inside(box, list), `${name} ${JSON.stringify(box)} outside the list ${JSON.stringify(list)}`).toBe(true);
      expect(box.right - box.left).toBeGreaterThan(40);
      const hit = await button.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        return element.contains(document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2));
      });
      expect(hit).toBe(true);
    }
    // The safe answer has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep message');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached', timeout: 2_000 });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Delete for everyone');
    expect(await message(wideOut).count()).toBe(1);
  });
});
