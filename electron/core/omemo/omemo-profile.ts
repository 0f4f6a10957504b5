// What differs between OMEMO 0.3 (eu.siacs.conversations.axolotl) and OMEMO 2 (urn:xmpp:omemo:2, XEP-0384 v0.8), behind
// one shape, so that the OMEMO layer can speak 2 with contacts who advertise it and fall back to 0.3 otherwise.
import type { Element } from '@xmpp/xml';

export type OmemoVersion = 'axolotl' | 'omemo2';

export interface SealedContent {
  /** What each device's session wraps: 0.3 the AES-128-GCM key||tag (32 bytes), 2 the HKDF key||HMAC tag (48 bytes). */
  readonly keyMaterial: Uint8Array;
  readonly ciphertext: Uint8Array;
  /** 0.3 only: the IV in the header (2 derives it from the key). */
  readonly iv?: Uint8Array | undefined;
}

export interface OpenedContent {
  readonly body: string | undefined;
  /** Elements the sender encrypted besides the body (OMEMO 2's SCE envelope carries any; 0.3 only a body). */
  readonly extra: readonly Element[];
  /** OMEMO 2: the room or contact the sender meant it for, when its envelope names one (XEP-0420 §4.2). */
  readonly to?: string | undefined;
}

export interface OmemoProfile {
  readonly version: OmemoVersion;
  /** The namespace of <encrypted>, also named in XEP-0380's <encryption>. */
  readonly namespace: string;
  readonly deviceListNode: string;
  /** The +notify feature in our caps (XEP-0163 §4.3). */
  readonly deviceListNotify: string;
  readonly bundleNode: (deviceId: number) => string;
  /** 0.3 keeps one item "current" per device node; 2 one item per device, named by its id, in a shared node. */
  readonly bundleItemId: (deviceId: number) => string;
  /** Encrypts a message's text from `from` (our bare JID) to `to` (a contact or room, when given), written at `time` (2 only). */
  seal(body: string, from: string, to?: string, time?: Date): SealedContent;
  /** Decrypts what `sender` (a bare JID) sent; throws when it does not authenticate or names another sender. */
  open(sealed: SealedContent, sender: string): OpenedContent;
}

/** OMEMO 2 with a contact who advertises it (a device in their urn:xmpp:omemo:2:devices list), 0.3 otherwise. */
export function chooseProfile<P extends OmemoProfile>(profiles: { readonly axolotl: P; readonly omemo2: P }, contactHasOmemo2Devices: boolean): P {
  return contactHasOmemo2Devices ? profiles.omemo2 : profiles.axolotl;
}
