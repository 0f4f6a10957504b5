// XEP-0396 Jingle Encrypted Transports - OMEMO: the transport secret of XEP-0391 is the key and IV of an OMEMO 0.3 key
// transport element (§2), so AES-128-GCM (§3: OMEMO 0.3's key is 16 bytes), for every device of the peer (§3).
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { NS_AXOLOTL } from '../../omemo/axolotl-pubsub.ts';
import type { TransportKeys } from '../../omemo/omemo-transport-key.ts';
import { buildSecurity, CIPHERS, type Security, type TransportSecret } from './jet-stanzas.ts';

/** How a Jingle session gets its transport secret across, and reads the peer's. */
export interface JetSecurity {
  /** §4 of XEP-0396: a fresh secret for `peer`, and the <security/> of content `name` that carries it. */
  seal(peer: string, name: string): Promise<{ readonly secret: TransportSecret; readonly security: Element }>;
  /** The secret of a <security/> the peer sent; a typed error when it cannot be had (the session then ends with security-error). */
  open(peer: string, security: Security): Promise<TransportSecret>;
}

const unusable = (peer: string, why: string, message: string) => new CausetteError('transfer-failed', message, undefined, { context: 'undecryptable', jid: peer, why });

export function jetOverOmemo(keys: Pick<TransportKeys, 'seal' | 'open'>): JetSecurity {
  return {
    async seal(peer, name) {
      const { key, iv, encrypted } = await keys.seal(peer);
      return { secret: { cipher: 'aes-128-gcm', key, iv }, security: buildSecurity({ name, cipher: 'aes-128-gcm', type: NS_AXOLOTL, envelope: encrypted }) };
    },
    async open(peer, security) {
      if (security.type !== NS_AXOLOTL || !security.envelope) throw unusable(peer, 'method', `The file is encrypted with ${security.type || 'a method'} Causette does not speak.`);
      if (!security.cipher) throw unusable(peer, 'cipher', 'The file is encrypted with a cipher Causette does not know.');
      const { key, iv } = await keys.open(peer, security.envelope);
      const length = CIPHERS[security.cipher].keyLength;
      if (key.length < length || iv.length !== 12) throw unusable(peer, 'malformed', 'The encrypted file offer holds no usable key.');
      return { cipher: security.cipher, key: key.subarray(0, length), iv };
    },
  };
}
