// transfer.directAllowed / transfer.allowDirect: whether the user lets a peer who is not a mutual contact get our direct
// SOCKS5 candidates (XEP-0260 §6.1), per account; kept in the store, read at each transfer.
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { DirectPeerStore } from '../storage/direct-peers.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import type { AccountService } from './account-service.ts';

function peerOf(text: string): string {
  const jid = normaliseBareJid(text);
  if (jid === undefined) throw new CausetteError('bad-request', `“${text}” is not a valid address.`, undefined, { context: 'address', address: text });
  return jid;
}

export function createDirectPeerHandlers({ accounts, store }: { readonly accounts: AccountService; readonly store: DirectPeerStore }): Pick<Handlers, 'transfer.directAllowed' | 'transfer.allowDirect'> {
  return {
    // A refusal is a rejected promise, as from every command.
    'transfer.directAllowed': ({ accountId, peer }) =>
      Promise.resolve().then(() => {
        accounts.entry(accountId);
        return store.allowed(accountId, peerOf(peer));
      }),
    'transfer.allowDirect': ({ accountId, peer, allowed }) =>
      Promise.resolve().then(() => {
        accounts.entry(accountId);
        store.set(accountId, peerOf(peer), allowed);
        return allowed;
      }),
  };
}
