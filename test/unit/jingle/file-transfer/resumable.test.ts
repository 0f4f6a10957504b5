import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Resumable } from '../../../../electron/core/model/resumable-transfer.ts';
import { interrupts, outcomeOf } from '../../../../electron/core/jingle/file-transfer/outcome.ts';
import { createResumeStore, findResumable, restoredTransfer, sameFile } from '../../../../electron/core/jingle/file-transfer/resumable.ts';
import { REASONS } from '../../../../electron/core/jingle/session-machine.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const file = { name: 'video.webm', size: 100, date: '2026-12-04T01:00:00.000Z', hashes: [], hashesUsed: ['sha-256'] };
const record = (change: Partial<Resumable> = {}): Resumable => ({ transferId: 't1', accountId: 'a1', direction: 'in', peer: 'alice@x.org/desk', sid: 's1', method: 'in-band', file, path: '/nowhere', ...change });

describe('which file an interrupted transfer is (XEP-0234 §6.2 file selector)', () => {
  it('the same name and size, the same date and sha-256 wherever both know them', () => {
    expect(sameFile(file, { ...file })).toBe(true);
    expect(sameFile(file, { ...file, date: '2026-12-04T02:00:00+01:00' })).toBe(true);
    expect(sameFile(file, { name: file.name, size: file.size, hashes: [], hashesUsed: [] })).toBe(true);
    expect(sameFile(file, { ...file, hashes: [{ algo: 'sha-256', value: 'abc=' }] })).toBe(true);
    expect(sameFile({ ...file, hashes: [{ algo: 'sha-256', value: 'abc=' }] }, { ...file, hashes: [{ algo: 'sha-256', value: 'xyz=' }] })).toBe(false);
    expect(sameFile(file, { ...file, name: 'other.webm' })).toBe(false);
    expect(sameFile(file, { ...file, size: 101 })).toBe(false);
    expect(sameFile(file, { ...file, date: '2026-12-04T01:00:01.000Z' })).toBe(false);
  });

  it('is found for the same account, direction and peer (any device of theirs), the latest first', () => {
    const store = createResumeStore();
    store.put(record());
    store.put(record({ transferId: 't2', peer: 'alice@x.org/phone' }));
    store.put(record({ transferId: 't3', direction: 'out' }));
    store.put(record({ transferId: 't4', accountId: 'a2' }));
    expect(findResumable(store, 'a1', 'in', 'alice@x.org/laptop', file)?.transferId).toBe('t2');
    expect(findResumable(store, 'a1', 'out', 'alice@x.org', file)?.transferId).toBe('t3');
    expect(findResumable(store, 'a1', 'in', 'mallory@x.org/desk', file)).toBeUndefined();
    expect(findResumable(store, 'a1', 'in', 'alice@x.org/desk', { ...file, size: 5 })).toBeUndefined();
  });
});

describe('what an ended session leaves to resume', () => {
  it('only ends that broke the transfer on the way', () => {
    const resumable = REASONS.filter(interrupts);
    expect(resumable).toEqual(['connectivity-error', 'expired', 'failed-transport', 'general-error', 'gone', 'timeout']);
    for (const reason of ['success', 'cancel', 'decline', 'media-error', 'security-error', 'unsupported-applications'] as const) expect(interrupts(reason)).toBe(false);
    expect(outcomeOf('cancel', 'remote')).toEqual({ state: 'cancelled' });
    expect(outcomeOf('connectivity-error', 'local')).toMatchObject({ state: 'failed', error: { code: 'transfer-failed', params: { reason: 'connectivity-error' } } });
    // The peer's app closed, or its device went offline: said in words, not as the bare reason.
    expect(outcomeOf('gone', 'remote')).toMatchObject({ state: 'failed', error: { code: 'transfer-failed', params: { context: 'peerOffline' } } });
    expect(outcomeOf('gone', 'local')).toMatchObject({ state: 'failed', error: { params: { reason: 'gone' } } });
  });

  it('after a restart, a transfer whose bytes are still there shows again as resumable, from what the file holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'causette-restored-'));
    dirs.push(dir);
    const partial = join(dir, '.video.webm.1.2.causette-part');
    writeFileSync(partial, Buffer.alloc(40));
    const restored = await restoredTransfer(record({ path: partial, name: 'video.webm' }), 1000);
    expect(restored).toMatchObject({ id: 't1', accountId: 'a1', peer: 'alice@x.org', direction: 'in', name: 'video.webm', size: 100, done: 40, state: 'failed', resumable: true, startedAt: 1000 });
    expect(await restoredTransfer(record({ path: join(dir, 'gone') }), 1000)).toBeUndefined();
    expect(await restoredTransfer(record({ direction: 'out', path: partial }), 1000)).toMatchObject({ direction: 'out', done: 0, name: 'video.webm' });
  });
});
