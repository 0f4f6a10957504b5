// The chat.* commands: conversations and history from the store, sending on the account's session.
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { MessageStore } from '../storage/messages.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import type { AccountService } from './account-service.ts';

type ChatCommand = 'chat.conversations' | 'chat.history' | 'chat.send' | 'chat.markRead';

export interface ChatHandlerDeps {
  readonly accounts: AccountService;
  readonly store: MessageStore;
}

function peerOf(text: string): string {
  const jid = normaliseBareJid(text);
  if (jid === undefined) throw new CausetteError('bad-request', `“${text}” is not a valid address.`);
  return jid;
}

export function createChatHandlers({ accounts, store }: ChatHandlerDeps): Pick<Handlers, ChatCommand> {
  return {
    'chat.conversations': ({ accountId }) => {
      accounts.entry(accountId);
      return Promise.resolve(store.conversations(accountId));
    },
    'chat.history': ({ accountId, peer, before, limit }) => {
      accounts.entry(accountId);
      return Promise.resolve(store.history(accountId, peerOf(peer), before, limit));
    },
    'chat.send': ({ accountId, peer, body }) => {
      const entry = accounts.entry(accountId);
      const jid = peerOf(peer);
      if (jid === entry.record.jid) throw new CausetteError('bad-request', 'That is the address of this account.');
      const chat = entry.session?.chat;
      if (!chat) throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`);
      return Promise.resolve(chat.send(jid, body));
    },
    'chat.markRead': ({ accountId, peer }) => {
      accounts.entry(accountId);
      store.markRead(accountId, peerOf(peer));
      return Promise.resolve(null);
    },
  };
}
