// The busy room in the window: Causette's browser mode in Chromium signs alice in, joins the room from the join dialog,
// and the animation frames are recorded while the room's messages stream in with its 2,000 occupants listed.
import type { Page } from 'playwright-core';
import { openBrowserMode } from '../../test/e2e/browser-mode.ts';
import { signIn, waitUntilOnline } from '../../test/e2e/ui.ts';
import type { ProsodyServer } from '../../test/server/prosody.ts';

export interface RenderRun {
  /** Join clicked → the occupant list shows every occupant's count. */
  readonly ready: number;
  /** Animation frames over the stream, and vsync intervals that produced none. */
  readonly frames: number;
  readonly dropped: number;
  /** Frames that took longer than two vsyncs (a visible hitch). */
  readonly over33: number;
  /** Occupant rows in the DOM once ready: what the virtual list rendered of them. */
  readonly occupantRows: number;
  /** Messages shown once the stream is over (the list's newest row has the last one). */
  readonly lastShown: boolean;
}

const vsyncMs = 1000 / 60;

/** In the page: frame-to-frame times for `ms`. */
function recordFrames(ms: number): Promise<number[]> {
  return new Promise((resolve) => {
    const deltas: number[] = [];
    const start = performance.now();
    let last = start;
    const frame = (now: number) => {
      deltas.push(now - last);
      last = now;
      if (now - start < ms) requestAnimationFrame(frame);
      else resolve(deltas.slice(1));
    };
    requestAnimationFrame(frame);
  });
}

async function joined(page: Page, room: string, occupants: number): Promise<number> {
  await page.getByRole('button', { name: 'Join group chat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join a group chat' });
  await dialog.getByLabel('Room address').fill(room);
  const clicked = await page.evaluate(() => performance.now());
  await dialog.getByRole('button', { name: 'Join', exact: true }).click();
  // Every occupant counted, us among them (the bench room makes everyone a participant).
  await page.locator('.occupants .section-count', { hasText: new RegExp(`^${String(occupants + 1)}$`) }).waitFor({ timeout: 60_000 });
  return (await page.evaluate(() => performance.now())) - clicked;
}

export async function renderRun(server: ProsodyServer, target: { readonly jid: string; readonly password: string; readonly room: string }, options: { readonly occupants: number; readonly messages: number; readonly seconds: number }): Promise<RenderRun> {
  const ui = await openBrowserMode({ caPem: server.caPem });
  try {
    const { page } = ui;
    await signIn(page, server.c2sPort, target.jid, target.password);
    await waitUntilOnline(page);
    const ready = await joined(page, target.room, options.occupants);
    const occupantRows = await page.locator('.occupants [role="listitem"], .occupants li').count();
    // Over what is left of the stream once the list is ready (it started with the join), less a second.
    const deltas = await page.evaluate(recordFrames, Math.max(1000, options.seconds * 1000 - ready - 1000));
    const last = page.getByRole('list', { name: 'Messages' }).getByText(new RegExp(`^bench ${String(options.messages)} `));
    const lastShown = await last
      .waitFor({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    return {
      ready: Math.round(ready),
      frames: deltas.length,
      dropped: deltas.reduce((sum, delta) => sum + Math.max(0, Math.round(delta / vsyncMs) - 1), 0),
      over33: deltas.filter((delta) => delta > 2 * vsyncMs + 0.5).length,
      occupantRows,
      lastShown,
    };
  } finally {
    await ui.close();
  }
}
