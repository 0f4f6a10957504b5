// XEP-0261 Jingle In-Band Bytestreams transport (the <transport/> of a content, §2) and XEP-0047 In-Band Bytestreams on
// the wire: open (§2.1), data (§2.2) and close (§2.3), each an iq the other side answers before the next one goes.
import xml, { type Element } from '@xmpp/xml';

export const NS_JINGLE_IBB = 'urn:xmpp:jingle:transports:ibb:1';
export const NS_IBB = 'http://jabber.org/protocol/ibb';

/** XEP-0047 §2.1: 4096 bytes is the recommended default; a block is never larger than 65535. */
export const DEFAULT_BLOCK_SIZE = 4096;
export const MAX_BLOCK_SIZE = 65535;
/** XEP-0047 §2.2: the sequence number is 16 bits and wraps to 0 after 65535. */
export const nextSeq = (seq: number): number => (seq + 1) % 65536;

export interface IbbTransport {
  readonly sid: string;
  readonly blockSize: number;
}

export const buildIbbTransport = (transport: IbbTransport): Element => xml('transport', { xmlns: NS_JINGLE_IBB, sid: transport.sid, 'block-size': String(transport.blockSize) });

/** XEP-0261 §2: the transport, with the block size kept within XEP-0047's bounds. */
export function parseIbbTransport(transport: Element | undefined): IbbTransport | undefined {
  if (transport?.attrs.xmlns !== NS_JINGLE_IBB) return undefined;
  const sid = transport.attrs.sid;
  const blockSize = Number(transport.attrs['block-size'] ?? DEFAULT_BLOCK_SIZE);
  if (typeof sid !== 'string' || sid === '' || !Number.isInteger(blockSize) || blockSize < 1) return undefined;
  return { sid, blockSize: Math.min(blockSize, MAX_BLOCK_SIZE) };
}

/** XEP-0261 §2: the responder may lower the block size, never raise it. */
export const agreedBlockSize = (offered: number, ours: number): number => Math.max(1, Math.min(offered, ours, MAX_BLOCK_SIZE));

export const buildOpen = (to: string, transport: IbbTransport): Element =>
  xml('iq', { type: 'set', to }, xml('open', { xmlns: NS_IBB, sid: transport.sid, 'block-size': String(transport.blockSize), stanza: 'iq' }));

export const buildData = (to: string, sid: string, seq: number, bytes: Uint8Array): Element =>
  xml('iq', { type: 'set', to }, xml('data', { xmlns: NS_IBB, sid, seq: String(seq) }, Buffer.from(bytes).toString('base64')));

export const buildClose = (to: string, sid: string): Element => xml('iq', { type: 'set', to }, xml('close', { xmlns: NS_IBB, sid }));

export type IbbRequest =
  | { readonly kind: 'open'; readonly sid: string; readonly blockSize: number; readonly stanza: string }
  | { readonly kind: 'data'; readonly sid: string; readonly seq: number; readonly bytes: Buffer }
  | { readonly kind: 'close'; readonly sid: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The payload of an IBB iq; undefined when ill-formed (answered bad-request, §2.2). */
export function parseIbb(payload: Element): IbbRequest | undefined {
  const sid = payload.attrs.sid;
  if (payload.attrs.xmlns !== NS_IBB || typeof sid !== 'string' || sid === '') return undefined;
  if (payload.name === 'open') {
    const blockSize = Number(payload.attrs['block-size']);
    if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_BLOCK_SIZE) return undefined;
    return { kind: 'open', sid, blockSize, stanza: String(payload.attrs.stanza ?? 'iq') };
  }
  if (payload.name === 'data') {
    const seq = Number(payload.attrs.seq);
    const text = payload.text().replace(/\s+/g, '');
    if (!Number.isInteger(seq) || seq < 0 || seq > 65535 || !BASE64.test(text)) return undefined;
    return { kind: 'data', sid, seq, bytes: Buffer.from(text, 'base64') };
  }
  if (payload.name === 'close') return { kind: 'close', sid };
  return undefined;
}
