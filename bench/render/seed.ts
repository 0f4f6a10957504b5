// The render scenario's profile, written straight into SQLite: one account (disabled: it never signs in) with a
// conversation of 100,000 messages and a small one of 50, through the message store in one transaction each; both end
// with the same 50 messages.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createAccountStore } from '../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../electron/core/storage/database.ts';
import { createMessageStore, type MessageStore } from '../../electron/core/storage/messages.ts';
import { messageBody } from '../bodies.ts';

export interface SeededProfile {
  readonly jid: string;
  readonly bigPeer: string;
  readonly smallPeer: string;
}

const minute = 60_000;

/**
 * `count` messages with `peer`, alternating sides irregularly, a few minutes apart, ending now; all read. The newest
 * `sameEnd` carry the same texts and sides in every conversation (texts 0 to sameEnd − 1), so that what opening one
 * shows first is the same screen whatever its size; the older ones take texts from `offset` on.
 */
function seedConversation(store: MessageStore, accountId: string, peer: string, count: number, offset: number, sameEnd: number): void {
  const end = Date.now();
  for (let i = 0; i < count; i += 1) {
    const index = offset + i;
    const fromEnd = count - i;
    const text = fromEnd <= sameEnd ? sameEnd - fromEnd : index;
    const outgoing = (text * 7919) % 5 < 2;
    const id = randomUUID();
    store.insert({
      id,
      accountId,
      peer,
      kind: 'chat',
      direction: outgoing ? 'out' : 'in',
      body: messageBody(text),
      timestamp: end - (count - i) * 5 * minute,
      state: outgoing ? 'read' : 'received',
      stanzaId: `archive-${String(index)}`,
      remoteId: outgoing ? id : `remote-${String(index)}`,
      ...(outgoing ? { originId: id } : {}),
      read: true,
    });
  }
}

export function seedProfile(profileDir: string, stored: number, small: number): SeededProfile {
  const db = openDatabase(join(profileDir, 'causette.sqlite'));
  try {
    const accountId = randomUUID();
    const seeded: SeededProfile = { jid: 'reader@bench.invalid', bigPeer: 'big-talk@bench.invalid', smallPeer: 'small-talk@bench.invalid' };
    createAccountStore(db).insert({ id: accountId, jid: seeded.jid, resource: 'causette.bench', host: '127.0.0.1', port: 9, tls: 'starttls', passwordSaved: false, enabled: false });
    const store = createMessageStore(db);
    for (const [peer, count, offset] of [
      [seeded.smallPeer, small, 0],
      [seeded.bigPeer, stored, small],
    ] as const) {
      db.exec('BEGIN');
      try {
        seedConversation(store, accountId, peer, count, offset, small);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    }
    return seeded;
  } finally {
    db.close();
  }
}
