import { describe, expect, it } from 'vitest';
import type { Room } from '../../../../shared/model/room.ts';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { createAutojoin } from '../../../../electron/core/xmpp/bookmarks/autojoin.ts';

describe('autojoin', () => {
  it('joins once per room while a join is under way, skips rooms this session has, and reports a refusal', async () => {
    const joins: [string, string, string | undefined][] = [];
    const failures: [string, unknown][] = [];
    const states: Record<string, Room['state']> = { 'in@c': 'joined', 'back@c': 'offline' };
    let refuse = false;
    const autojoin = createAutojoin({
      muc: {
        room: (jid) => (states[jid] === undefined ? undefined : ({ jid, state: states[jid] } as Room)),
        join: (jid, nick, password) => {
          joins.push([jid, nick, password]);
          return refuse ? Promise.reject(new CausetteError('not-found', 'gone')) : new Promise<Room>(() => undefined);
        },
      },
      defaultNick: 'alice',
      onFailure: (room, error) => failures.push([room, error]),
    });
    autojoin.one({ jid: 'tea@c', autojoin: true, nick: 'Alice', password: 'sesame' });
    autojoin.one({ jid: 'tea@c', autojoin: true, nick: 'Alice', password: 'sesame' });
    autojoin.one({ jid: 'in@c', autojoin: true });
    autojoin.one({ jid: 'back@c', autojoin: true });
    expect(joins).toEqual([['tea@c', 'Alice', 'sesame']]);
    refuse = true;
    autojoin.one({ jid: 'gone@c', autojoin: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(joins.at(-1)).toEqual(['gone@c', 'alice', undefined]);
    expect(failures.map(([room]) => room)).toEqual(['gone@c']);
  });
});
