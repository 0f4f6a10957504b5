// The omemo.* commands (XEP-0384): each conversation's encryption, chosen by the user or following the peer's devices
// (in a room, whether it can be encrypted in).
import type { Emit, Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { encryptionState, roomEncryptionProblem, roomEncryptionState, type EncryptionState } from '../../../shared/model/encryption.ts';
import { roomRefusal } from '../omemo/omemo-room-encrypt.ts';
import type { MessageStore } from '../storage/messages.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import type { AccountService } from './account-service.ts';

type OmemoCommand = 'omemo.encryption' | 'omemo.setEncryption' | 'omemo.devices' | 'omemo.setTrust' | 'omemo.dismissNewDevice';

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
    const room = entry.session?.muc?.room(peer);
    if (room) return roomEncryptionState(peer, store.encryptionChoice(accountId, peer), room.features);
    const lists = entry.session?.omemo?.lists;
    // Asked of the server only while signed in; otherwise what this session last saw.
    const devices = lists && entry.state.status === 'online' ? await lists.devices(peer).catch(() => lists.known(peer) ?? []) : (lists?.known(peer) ?? []);
    return encryptionState(peer, store.encryptionChoice(accountId, peer), devices.length);
  }
  function omemoOf(accountId: string) {
    const entry = accounts.entry(accountId);
    const omemo = entry.session?.omemo;
    if (!omemo) throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
    return { omemo, online: entry.state.status === 'online' };
  }
  return {
    'omemo.devices': ({ accountId, jid }) =>
      Promise.resolve().then(() => {
        const { omemo, online } = omemoOf(accountId);
        return omemo.devices(peerOf(jid), online);
      }),
    'omemo.setTrust': async ({ accountId, jid, deviceId, trust }) => {
      const { omemo, online } = omemoOf(accountId);
      const bare = peerOf(jid);
      if (!omemo.setTrust(bare, deviceId, trust)) throw new CausetteError('not-found', 'That device’s key is not known yet.', undefined, { context: 'omemoDevice' });
      const devices = await omemo.devices(bare, online);
      // Every view of these devices follows: the locks on messages, a banner, the other window's lists.
      emit('omemo.devices', { accountId, jid: bare, devices });
      return devices;
    },
    'omemo.dismissNewDevice': async ({ accountId, jid, deviceId }) => {
      const { omemo, online } = omemoOf(accountId);
      const bare = peerOf(jid);
      omemo.dismissBanner(bare, deviceId);
      const devices = await omemo.devices(bare, online);
      // The other windows hide the banner too.
      emit('omemo.devices', { accountId, jid: bare, devices });
      return devices;
    },
    'omemo.encryption': ({ accountId, peer }) => Promise.resolve().then(() => stateOf(accountId, peerOf(peer))),
    'omemo.setEncryption': async ({ accountId, peer, on }) => {
      const jid = peerOf(peer);
      const room = accounts.entry(accountId).session?.muc?.room(jid);
      const problem = room && on ? roomEncryptionProblem(room.features) : undefined;
      // Only a members-only room that shows its members' real JIDs lets us know whom to encrypt for.
      if (problem === 'notMembersOnly') throw new CausetteError('encryption-unavailable', roomRefusal, undefined, { context: 'notMembersOnly', room: jid });
      if (problem === 'anonymous') throw new CausetteError('encryption-unavailable', roomRefusal, undefined, { context: 'anonymous', room: jid });
      store.setEncryptionChoice(accountId, jid, on);
      const state = await stateOf(accountId, jid);
      emit('omemo.encryption', { accountId, state });
      return state;
    },
  };
}
