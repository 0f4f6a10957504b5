import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Resumable } from '../../../electron/core/model/resumable-transfer.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createResumableStore, maxResumable } from '../../../electron/core/storage/jingle-resumable.ts';

const dirs: string[] = [];
function open() {
  const dir = mkdtempSync(join(tmpdir(), 'causette-resumable-'));
  dirs.push(dir);
  const file = join(dir, 'causette.sqlite');
  const db = openDatabase(file);
  createAccountStore(db).insert({ id: 'a1', jid: 'bob@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  return { db, file };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record = (transferId: string, change: Partial<Resumable> = {}): Resumable => ({
  transferId,
  accountId: 'a1',
  direction: 'in',
  peer: 'alice@example.com/desk',
  sid: 's1',
  method: 'in-band',
  file: { name: '../video.webm', size: 2_000_000, date: '2026-12-04T01:00:00.000Z', hashes: [], hashesUsed: ['sha-256'], range: { offset: 0 } },
  path: '/home/bob/Downloads/.video.webm.1.2.causette-part',
  folder: '/home/bob/Downloads',
  name: 'video.webm',
  ...change,
});

describe('the store of interrupted Jingle transfers', () => {
  it('keeps a record across a restart, replaces it by transfer id, and forgets it when asked', () => {
    const { db, file } = open();
    const store = createResumableStore(db);
    store.put(record('t1'));
    store.put(record('t1', { sid: 's2', method: 'direct' }));
    store.put(record('t2', { direction: 'out', path: '/home/bob/talk.ogg' }));
    db.close();

    const reopened = createResumableStore(openDatabase(file));
    expect(reopened.get('t1')).toEqual(record('t1', { sid: 's2', method: 'direct' }));
    expect(reopened.list().map((each) => each.transferId)).toEqual(['t1', 't2']);
    reopened.remove('t1');
    expect(reopened.get('t1')).toBeUndefined();
    expect(reopened.list().map((each) => each.transferId)).toEqual(['t2']);
  });

  it('keeps the newest ones only', () => {
    const { db } = open();
    let clock = 0;
    const store = createResumableStore(db, () => (clock += 1));
    for (let index = 0; index < maxResumable + 5; index += 1) store.put(record(`t${index}`));
    const kept = store.list();
    expect(kept).toHaveLength(maxResumable);
    expect(kept[0]?.transferId).toBe('t5');
    expect(store.get('t4')).toBeUndefined();
  });

  it('goes with its account', () => {
    const { db } = open();
    const store = createResumableStore(db);
    store.put(record('t1'));
    createAccountStore(db).remove('a1');
    expect(store.list()).toEqual([]);
  });

  it('a row that is not a record is skipped, not thrown', () => {
    const { db } = open();
    const store = createResumableStore(db);
    db.prepare("INSERT INTO jingle_resumable (transfer_id, account_id, direction, record, updated_at) VALUES ('bad', 'a1', 'in', '{not json', 1)").run();
    store.put(record('t1'));
    expect(store.get('bad')).toBeUndefined();
    expect(store.list().map((each) => each.transferId)).toEqual(['t1']);
  });
});
