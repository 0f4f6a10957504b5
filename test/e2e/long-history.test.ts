// A conversation of 100,000 stored messages opens at its newest page in Chromium, never holds more than pages of it, and
// scrolls back through older pages.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import type { BrowserMode } from './browser-mode.ts';
import { openSignedIn } from './ui.ts';

const TOTAL = 100_000;
const DAY = 86_400_000;
let server: ProsodyServer;
let alice: BrowserMode;
const peer = 'historian@example.org';

/** Writes the messages straight into the profile's store, as years of use would have; the host keeps it open (WAL). */
function seed(profileDir: string): void {
  const db = new DatabaseSync(join(profileDir, 'causette.sqlite'));
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    const { id: accountId } = db.prepare('SELECT id FROM accounts').get() as { id: string };
    const insert = db.prepare(
      "INSERT INTO messages (id, account_id, peer, direction, body, ts, state, origin_id, read) VALUES (?, ?, ?, ?, ?, ?, 'received', ?, 1)",
    );
    const start = Date.now() - 400 * DAY;
    db.exec('BEGIN');
    for (let n = 0; n < TOTAL; n += 1) {
      const direction = n % 3 === 0 ? 'out' : 'in';
      insert.run(`seed-${String(n)}`, accountId, peer, direction, `Message #${String(n)} of the archive`, start + n * 300_000, `origin-${String(n)}`);
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

const rows = (page: Page) => page.getByRole('list', { name: 'Messages' }).getByRole('listitem');

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }] });
  alice = await openSignedIn(server, 'alice', 'alice-pass');
  seed(alice.profileDir);
  // The conversation list is read when the page loads.
  await alice.page.reload();
}, 120_000);

afterAll(async () => {
  await alice?.close();
  await server?.dispose();
});

describe('a conversation of 100,000 messages', () => {
  it('opens at the newest message with only a page or two in the page, and scrolls back page by page', async () => {
    const { page } = alice;
    await page.getByRole('button', { name: new RegExp(peer) }).click();
    await expect.poll(() => page.getByText(`Message #${String(TOTAL - 1)} of the archive`, { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await rows(page).count()).toBeLessThan(150);

    // The scrolling box around the list; each scroll to its top must bring an older page in.
    const scroller = page.locator('.message-scroll');
    const oldestShown = async () => Number(/Message #(\d+) of the archive/.exec((await rows(page).first().textContent()) ?? '')?.[1]);
    let oldestNumber = await oldestShown();
    for (let step = 0; step < 3; step += 1) {
      const before = oldestNumber;
      await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
      await expect.poll(oldestShown, { timeout: 10_000, message: `no page older than message #${String(before)} came in` }).toBeLessThan(before);
      oldestNumber = await oldestShown();
    }
    // Something from well before the newest page is on screen, yet the page still holds a bounded window.
    expect(oldestNumber).toBeLessThan(TOTAL - 100);
    expect(await rows(page).count()).toBeLessThan(150);
    expect(await page.getByText('Beginning of the conversation').count()).toBe(0);
  });
});
