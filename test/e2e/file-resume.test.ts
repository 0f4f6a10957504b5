// Resume in the transfers panel (issue 13, XEP-0234 §6.4): both apps were closed while a file went from alice to bob, each
// keeping in its store what the transfer needs (alice the file sent, bob the bytes received so far); reopened, bob's panel
// lists the transfer as failed with “Resume receiving …”, a click asks alice's core for the rest, and both panels reach
// 100 %, bob's file whole. The interruption is written into the two profiles' stores, as closing the apps midway leaves it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProsodyServer } from '../server/prosody.ts';
import { violations } from './axe.ts';
import { openBrowserMode, type BrowserMode } from './browser-mode.ts';
import { openPanel, startPairServer } from './transfer-ui.ts';
import { signIn, waitUntilOnline } from './ui.ts';
import { words } from './words.ts';

let server: ProsodyServer;
let alice: BrowserMode | undefined;
let bob: BrowserMode | undefined;
const say = words('en');
const NAME = 'lecture.mkv';
const bytes = randomBytes(600_000);
const HAVE = 250_000;
const root = mkdtempSync(join(tmpdir(), 'causette-e2e-resume-'));
const profiles = { alice: join(root, 'alice'), bob: join(root, 'bob') };
const source = join(root, NAME);
const bobFolder = join(root, 'bob-downloads');

/** A window on a kept profile: the first time signed in with the password remembered, then signing in by itself. */
async function open(profileDir: string, user: string, first: boolean): Promise<BrowserMode> {
  const ui = await openBrowserMode({ caPem: server.caPem, profileDir });
  if (first) {
    await ui.page.getByLabel('Remember password').check();
    await signIn(ui.page, server.c2sPort, `${user}@${server.domain}`, `${user}-pass`);
  }
  await waitUntilOnline(ui.page);
  return ui;
}

/** The app's one account in a closed profile's store. */
function accountOf(profileDir: string): { id: string; resource: string } {
  const db = new DatabaseSync(join(profileDir, 'causette.sqlite'));
  try {
    return db.prepare('SELECT id, resource FROM accounts').get() as { id: string; resource: string };
  } finally {
    db.close();
  }
}

/** Writes an interrupted transfer into a closed app's store (migration 26's table), as the core keeps it. */
function interrupted(profileDir: string, record: (account: { id: string; resource: string }) => Record<string, unknown>): void {
  const account = accountOf(profileDir);
  const row = record(account);
  const db = new DatabaseSync(join(profileDir, 'causette.sqlite'));
  try {
    db.prepare('INSERT INTO jingle_resumable (transfer_id, account_id, direction, record, updated_at) VALUES (?, ?, ?, ?, ?)').run(String(row.transferId), account.id, String(row.direction), JSON.stringify(row), Date.now());
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startPairServer('mutual');
  // Each app signs in once, then is closed: the transfer was under way then.
  const [firstAlice, firstBob] = await Promise.all([open(profiles.alice, 'alice', true), open(profiles.bob, 'bob', true)]);
  await Promise.all([firstAlice.close(), firstBob.close()]);
  writeFileSync(source, bytes);
  mkdirSync(bobFolder, { recursive: true });
  const partial = join(bobFolder, `.${NAME}.1.2.causette-part`);
  writeFileSync(partial, bytes.subarray(0, HAVE));
  const file = { name: NAME, size: bytes.length, date: statSync(source).mtime.toISOString(), hashes: [], hashesUsed: ['sha-256'], range: { offset: 0 } };
  const aliceAccount = accountOf(profiles.alice);
  const bobAccount = accountOf(profiles.bob);
  interrupted(profiles.alice, (account) => ({ transferId: randomUUID(), accountId: account.id, direction: 'out', peer: `bob@${server.domain}/${bobAccount.resource}`, sid: 'earlier', method: 'direct', file, path: source }));
  interrupted(profiles.bob, (account) => ({
    transferId: randomUUID(),
    accountId: account.id,
    direction: 'in',
    peer: `alice@${server.domain}/${aliceAccount.resource}`,
    sid: 'earlier',
    method: 'direct',
    file,
    path: partial,
    folder: bobFolder,
    name: NAME,
  }));
  [alice, bob] = await Promise.all([open(profiles.alice, 'alice', false), open(profiles.bob, 'bob', false)]);
}, 120_000);

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('an interrupted Jingle transfer', () => {
  it('shows Resume in bob’s panel after a restart; a click brings the rest and both panels reach 100 %', async () => {
    if (!alice || !bob) throw new Error('the windows did not open');
    // Bob sees alice online: his core can ask her device for the rest.
    await bob.page.getByRole('button', { name: new RegExp(`alice@${server.domain}`.replace('.', '\\.')) }).first().waitFor({ timeout: 20_000 });
    const bobPanel = await openPanel(bob.page);
    const entry = bobPanel.getByRole('listitem').filter({ hasText: NAME });
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).toContain(say('transfers.state.failed'));
    // The row knows the bytes kept: it goes on from there.
    expect(await entry.locator('.transfer-facts').textContent()).toContain('250 kB / 600 kB');
    const resume = entry.getByRole('button', { name: say('transfers.resumeInLabel', { name: NAME }) });
    // Cancel stays beside it: the interrupted transfer can be given up instead.
    expect(await entry.getByRole('button', { name: say('transfers.cancelInLabel', { name: NAME }) }).count()).toBe(1);
    expect(await violations(bob.page)).toEqual([]);
    await resume.click();

    const bar = bobPanel.getByRole('progressbar', { name: say('transfers.progressIn', { name: NAME }) });
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain(say('transfers.state.received'));
    const alicePanel = await openPanel(alice.page);
    await expect.poll(() => alicePanel.getByRole('listitem').filter({ hasText: NAME }).textContent(), { timeout: 10_000 }).toContain(say('transfers.state.sent'));
    const received = readFileSync(join(bobFolder, NAME));
    expect(createHash('sha256').update(received).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
