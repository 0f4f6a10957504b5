// The OMEMO 2 <encrypted> element (XEP-0384 v0.8 §4.4): the sender's device, per recipient JID a <keys> with one <key rid>
// per device (kex='true' when it carries an OMEMOKeyExchange), and the payload (absent in an empty OMEMO message, §4.5).
import xml, { type Element } from '@xmpp/xml';
import { decodeBase64, encodeBase64, parseDeviceId } from '../axolotl-pubsub.ts';
import { NS_OMEMO2 } from './namespaces.ts';

export interface RecipientKey {
  readonly rid: number;
  readonly kex: boolean;
  readonly data: Uint8Array;
}

export interface Omemo2Encrypted {
  readonly sid: number;
  /** Keys by recipient bare JID. */
  readonly keys: ReadonlyMap<string, readonly RecipientKey[]>;
  readonly payload?: Uint8Array | undefined;
}

export function buildEncrypted({ sid, keys, payload }: Omemo2Encrypted): Element {
  return xml(
    'encrypted',
    { xmlns: NS_OMEMO2 },
    xml(
      'header',
      { sid: String(sid) },
      ...[...keys].map(([jid, list]) =>
        xml('keys', { jid }, ...list.map((key) => xml('key', key.kex ? { rid: String(key.rid), kex: 'true' } : { rid: String(key.rid) }, encodeBase64(key.data)))),
      ),
    ),
    payload === undefined ? undefined : xml('payload', {}, encodeBase64(payload)),
  );
}

/** The <encrypted> element of a message; undefined when there is none or it is malformed (keys that cannot be read are left out). */
export function parseEncrypted(message: Element): Omemo2Encrypted | undefined {
  const encrypted = message.getChild('encrypted', NS_OMEMO2);
  const header = encrypted?.getChild('header');
  const sid = parseDeviceId(header?.attrs.sid);
  if (!encrypted || !header || sid === undefined) return undefined;
  const keys = new Map<string, RecipientKey[]>();
  for (const group of header.getChildren('keys')) {
    const jid = group.attrs.jid;
    if (!jid) continue;
    const list = group.getChildren('key').flatMap((element) => {
      const rid = parseDeviceId(element.attrs.rid);
      const data = decodeBase64(element.text());
      // An XML Schema boolean: "true" or "1".
      const kex = element.attrs.kex === 'true' || element.attrs.kex === '1';
      return rid === undefined || !data ? [] : [{ rid, kex, data }];
    });
    keys.set(jid, [...(keys.get(jid) ?? []), ...list]);
  }
  const payloadElement = encrypted.getChild('payload');
  if (!payloadElement) return { sid, keys };
  const payload = decodeBase64(payloadElement.text());
  return payload ? { sid, keys, payload } : undefined;
}
