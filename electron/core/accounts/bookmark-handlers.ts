// The muc.bookmarks, muc.bookmark and muc.unbookmark commands (XEP-0402, or XEP-0048 where the server lacks it) on the
// account's session.
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { Bookmarks } from '../xmpp/bookmarks/bookmarks.ts';
import type { AccountService } from './account-service.ts';
import { roomOf } from './muc-handlers.ts';

type BookmarkCommand = 'muc.bookmarks' | 'muc.bookmark' | 'muc.unbookmark';

export function createBookmarkHandlers({ accounts }: { readonly accounts: AccountService }): Pick<Handlers, BookmarkCommand> {
  function online(accountId: string): Bookmarks {
    const entry = accounts.entry(accountId);
    const bookmarks = entry.session?.bookmarks;
    if (!bookmarks || entry.state.status !== 'online') {
      throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
    }
    return bookmarks;
  }
  return {
    'muc.bookmarks': ({ accountId }) => Promise.resolve(accounts.entry(accountId).session?.bookmarks?.list() ?? []),
    'muc.bookmark': ({ accountId, room, name, nick, password, autojoin }) =>
      Promise.resolve().then(() =>
        online(accountId).save({ jid: roomOf(room), nick, autojoin, ...(name === undefined ? {} : { name }), ...(password === undefined ? {} : { password }) }),
      ),
    'muc.unbookmark': async ({ accountId, room }) => {
      await online(accountId).remove(roomOf(room));
      return null;
    },
  };
}
