// XEP-0391 Jingle Encrypted Transports (jet:0, v0.1.2): the <security/> of a content (§4.1), naming the cipher of the
// transport secret (§5) and the end-to-end method whose envelope element carries it (§3), here OMEMO (XEP-0396).
import xml, { type Element } from '@xmpp/xml';

export const NS_JET = 'urn:xmpp:jingle:jet:0';
export const NS_JET_OMEMO = 'urn:xmpp:jingle:jet-omemo:0';

/** §5: the ciphers, by the namespaces of the table; the XEP's examples (and Libervia 0.9) write them without ':0'. */
export const CIPHERS = {
  'aes-128-gcm': { namespace: 'urn:xmpp:ciphers:aes-128-gcm-nopadding:0', keyLength: 16 },
  'aes-256-gcm': { namespace: 'urn:xmpp:ciphers:aes-256-gcm-nopadding:0', keyLength: 32 },
} as const;
export type JetCipher = keyof typeof CIPHERS;

/** §2: the transport key and initialization vector (96 bits for both ciphers, §5). */
export interface TransportSecret {
  readonly cipher: JetCipher;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

export interface Security {
  /** The content it secures. */
  readonly name: string;
  /** Undefined when the cipher is not one of §5. */
  readonly cipher: JetCipher | undefined;
  /** The namespace of the end-to-end method, e.g. eu.siacs.conversations.axolotl. */
  readonly type: string;
  /** The envelope element (EE, §2): that method's encryption of the transport secret. */
  readonly envelope: Element | undefined;
}

export function cipherOf(namespace: string | undefined): JetCipher | undefined {
  for (const [cipher, { namespace: known }] of Object.entries(CIPHERS) as [JetCipher, (typeof CIPHERS)[JetCipher]][]) {
    if (namespace === known || namespace === known.slice(0, -':0'.length)) return cipher;
  }
  return undefined;
}

export const buildSecurity = (args: { name: string; cipher: JetCipher; type: string; envelope: Element }): Element =>
  xml('security', { xmlns: NS_JET, name: args.name, cipher: CIPHERS[args.cipher].namespace, type: args.type }, args.envelope);

/** §4.1: the <security/> of a content, if it has one. */
export function parseSecurity(security: Element | undefined): Security | undefined {
  if (security?.name !== 'security' || security.attrs.xmlns !== NS_JET) return undefined;
  const type = String(security.attrs.type ?? '');
  return {
    name: String(security.attrs.name ?? ''),
    cipher: cipherOf(security.attrs.cipher),
    type,
    envelope: security.getChildElements().find((child) => child.attrs.xmlns === type),
  };
}
