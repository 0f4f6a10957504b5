// OMEMO 0.3 as the envelope of another protocol's key (XEP-0396 §4, with XEP-0384 v0.3.0 §4.6 key transport): a fresh
// AES-128-GCM key and IV wrapped by the session of each trusted device of the peer, and opened again by ours.
import { createCipheriv, randomBytes } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { decryptFrom, wrapFor, type DeviceAddress } from './axolotl-cipher.ts';
import { buildEncrypted, parseEncrypted } from './axolotl-encrypted.ts';
import { ivLength, keyLength, tagLength } from './axolotl-payload.ts';
import { NS_AXOLOTL } from './axolotl-pubsub.ts';
import { refuse, sessionsWith, trusted, type EncryptDeps } from './omemo-encrypt.ts';
import type { SessionUpkeep } from './session-upkeep.ts';
import { isTrusted } from './trust.ts';

export interface TransportKeyDeps extends Omit<EncryptDeps, 'enabled' | 'encrypted'> {
  readonly keys: OmemoKeyStore;
  /** One of our one-time prekeys was used (§4.3: replenished). */
  readonly usedPreKey: () => void;
  readonly upkeep: Pick<SessionUpkeep, 'received' | 'undecryptable'>;
}

export interface TransportKey {
  /** The unwrapped key material: the 16-byte key first (then, from most senders, the tag of their payload). */
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/** Why a key could not be opened, in the error's params: the transfer says it to the user. */
const undecryptable = (jid: string, why: string, message: string) => new CausetteError('transfer-failed', message, undefined, { context: 'undecryptable', jid, why });

export function setupTransportKeys(deps: TransportKeyDeps) {
  const ready = sessionsWith(deps);

  /** A fresh key and IV, and the <encrypted> that carries them to every trusted device of `peer`; refused when there is none. */
  async function seal(peer: string): Promise<TransportKey & { readonly encrypted: Element }> {
    const ids = await deps.lists.devices(peer);
    // XEP-0396 §3: every device of the peer that we trust, with a session (built from its bundle when there is none).
    const devices: DeviceAddress[] = [];
    for (const deviceId of ids) {
      const device = { jid: peer, deviceId };
      if ((await ready(device)) && trusted(deps, peer)(deviceId)) devices.push(device);
    }
    if (devices.length === 0) throw refuse('fileNoTrusted', peer, `${peer} has no OMEMO devices you trust: the file was not sent.`);
    const key = randomBytes(keyLength);
    const iv = randomBytes(ivLength);
    // key||tag as in every 0.3 message, the tag that of an empty payload: a reader that looks for a payload finds an empty
    // one that verifies, and nothing under this key and IV but the file itself is ever encrypted.
    const empty = createCipheriv('aes-128-gcm', key, iv, { authTagLength: tagLength });
    empty.final();
    const { encrypted } = await wrapFor(deps.signal, await deps.ownDevice(), devices, Buffer.concat([key, empty.getAuthTag()]), iv);
    deps.sentTo(devices);
    const element = buildEncrypted(encrypted);
    // Libervia 0.9 (python-oldmemo) takes the IV of an <encrypted> without a payload for a fresh random one, not ours: an
    // empty payload (blank: zero bytes of base64) makes it read the IV given, and is still nothing to decrypt for others.
    element.append(xml('payload', {}, ' '));
    return { key, iv, encrypted: element };
  }

  /** The key and IV `peer` sent in `envelope` (an OMEMO 0.3 <encrypted>), opened by our session with the sending device. */
  async function open(peer: string, envelope: Element): Promise<TransportKey> {
    // A blank payload is no payload (see seal); Libervia's own holds the encryption of one space under the same key.
    const blank = envelope.getChild('payload')?.text().trim() === '';
    const holder = xml('message', {}, blank ? xml('encrypted', { ...envelope.attrs }, ...envelope.getChildElements().filter((child) => child.name !== 'payload')) : envelope);
    const encrypted = envelope.attrs.xmlns === NS_AXOLOTL ? parseEncrypted(holder) : undefined;
    if (!encrypted) throw undecryptable(peer, 'malformed', 'The encrypted file offer could not be read.');
    const own = await deps.ownDevice();
    const from: DeviceAddress = { jid: peer, deviceId: encrypted.sid };
    const result = await decryptFrom(deps.signal, own, peer, encrypted);
    if (result.kind === 'not-for-this-device') throw undecryptable(peer, 'notForThisDevice', 'The encrypted file was not encrypted for this device.');
    if (result.kind === 'undecryptable') {
      deps.upkeep.undecryptable(from, result.reason);
      throw undecryptable(peer, 'session', `The encrypted file’s key could not be decrypted (${result.reason}).`);
    }
    if (result.prekey) deps.usedPreKey();
    deps.upkeep.received(from, result.prekey);
    // XEP-0391 §7: the envelope must be the initiator's, from a device we trust.
    if (!isTrusted(deps.keys.deviceIdentities(peer), encrypted.sid)) throw undecryptable(peer, 'untrusted', 'The encrypted file comes from a device you do not trust.');
    return { key: result.key, iv: encrypted.iv };
  }

  return { seal, open };
}

export type TransportKeys = ReturnType<typeof setupTransportKeys>;
