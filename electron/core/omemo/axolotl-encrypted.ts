// The OMEMO 0.3 <encrypted> element (XEP-0384 v0.3.0 §4.5): the sender's device, one wrapped key per
// recipient device (prekey="true" when it opens a session), the IV and the payload (absent in a key transport message).
import xml, { type Element } from '@xmpp/xml';
import { NS_AXOLOTL, decodeBase64, encodeBase64, parseDeviceId } from './axolotl-pubsub.ts';

export interface WrappedKey {
  /** The recipient device. */
  readonly rid: number;
  /** The Signal message is a PreKeySignalMessage (it starts a session). */
  readonly prekey: boolean;
  readonly data: Uint8Array;
}

export interface AxolotlEncrypted {
  /** The sender's device. */
  readonly sid: number;
  readonly keys: readonly WrappedKey[];
  readonly iv: Uint8Array;
  /** Undefined in a key transport message (§4.6), which only sets up or advances sessions. */
  readonly payload?: Uint8Array | undefined;
}

export function buildEncrypted({ sid, keys, iv, payload }: AxolotlEncrypted): Element {
  return xml(
    'encrypted',
    { xmlns: NS_AXOLOTL },
    xml(
      'header',
      { sid: String(sid) },
      ...keys.map((key) => xml('key', key.prekey ? { rid: String(key.rid), prekey: 'true' } : { rid: String(key.rid) }, encodeBase64(key.data))),
      xml('iv', {}, encodeBase64(iv)),
    ),
    payload === undefined ? undefined : xml('payload', {}, encodeBase64(payload)),
  );
}

/** The <encrypted> element of a message; undefined when there is none or it is malformed (keys that cannot be read are left out). */
export function parseEncrypted(message: Element): AxolotlEncrypted | undefined {
  const encrypted = message.getChild('encrypted', NS_AXOLOTL);
  const header = encrypted?.getChild('header');
  const sid = parseDeviceId(header?.attrs.sid);
  const iv = decodeBase64(header?.getChildText('iv'));
  if (!encrypted || !header || sid === undefined || !iv) return undefined;
  const keys = header.getChildren('key').flatMap((element) => {
    const rid = parseDeviceId(element.attrs.rid);
    const data = decodeBase64(element.text());
    // Clients write prekey="true" or prekey="1" (an XML Schema boolean).
    const prekey = element.attrs.prekey === 'true' || element.attrs.prekey === '1';
    return rid === undefined || !data ? [] : [{ rid, prekey, data }];
  });
  const payloadElement = encrypted.getChild('payload');
  if (!payloadElement) return { sid, keys, iv };
  const payload = decodeBase64(payloadElement.text());
  return payload ? { sid, keys, iv, payload } : undefined;
}
