// The omemo.* commands (XEP-0384): each conversation's encryption, chosen by the user or following the peer's devices.
import type { Emit, Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { encryptionState, type EncryptionState } from '../../../shared/model/encryption.ts';
import type { MessageStore } from '../storage/messages.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import type { AccountService } from './account-service.ts';

type OmemoCommand = 'omemo.encryption' | 'omemo.setEncryption';

export interface OmemoHandlerDeps {
  readonly accounts: AccountService;
  readonly store: MessageStore;
  readonly emit: Emit;
}

function peerOf(text: string): string {
  const jid = normaliseBareJid(text);
  if (jid === undefined) throw new CausetteError('bad-request', `“${text}” is not a valid address.`, undefined, { context: 'address', address: text });
  return jid;
}

export function createOmemoHandlers({ accounts, store, emit }: OmemoHandlerDeps): Pick<Handlers, OmemoCommand> {
  async function stateOf(accountId: string, peer: string): Promise<EncryptionState> {
    const entry = accounts.entry(accountId);
    const lists = entry.session?.omemo?.lists;
    // Asked of the server only while signed in; otherwise what this session last saw.
    const devices = lists && entry.state.status === 'online' ? await lists.devices(peer).catch(() => lists.known(peer) ?? []) : (lists?.known(peer) ?? []);
    return encryptionState(peer, store.encryptionChoice(accountId, peer), devices.length);
  }
  return {
    'omemo.encryption': ({ accountId, peer }) => Promise.resolve().then(() => stateOf(accountId, peerOf(peer))),
    'omemo.setEncryption': async ({ accountId, peer, on }) => {
      const jid = peerOf(peer);
      accounts.entry(accountId);
      store.setEncryptionChoice(accountId, jid, on);
      const state = await stateOf(accountId, jid);
      emit('omemo.encryption', { accountId, state });
      return state;
    },
  };
}
