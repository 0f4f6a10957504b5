// XEP-0363 HTTP File Upload on the wire: the service's announcement (§3), the slot request (§4) and its answer, and the
// out-of-band reference a message carries to the uploaded file (XEP-0066 §3).
import xml, { type Element } from '@xmpp/xml';
import type { DiscoInfo } from '../../model/disco-info.ts';

export const NS_UPLOAD = 'urn:xmpp:http:upload:0';
export const NS_OOB = 'jabber:x:oob';

export interface UploadService {
  readonly jid: string;
  /** §3: the largest file the service takes, when it says. */
  readonly maxSize?: number;
}

export interface Slot {
  readonly put: string;
  readonly get: string;
  /** §4.1: only Authorization, Cookie and Expires are passed on, without line breaks. */
  readonly headers: Readonly<Record<string, string>>;
}

/** §3: an entity that offers uploads, with its size limit from the XEP-0128 form. */
export function uploadServiceOf(jid: string, info: DiscoInfo): UploadService | undefined {
  if (!info.features.includes(NS_UPLOAD)) return undefined;
  const field = info.forms.find((form) => form.formType === NS_UPLOAD)?.fields.find((each) => each.var === 'max-file-size');
  const max = Number(field?.values[0]);
  return Number.isSafeInteger(max) && max > 0 ? { jid, maxSize: max } : { jid };
}

/** §4: asks for a slot for this file. */
export function buildSlotRequest(args: { to: string; filename: string; size: number; contentType?: string }): Element {
  return xml(
    'iq',
    { type: 'get', to: args.to },
    xml('request', { xmlns: NS_UPLOAD, filename: args.filename, size: String(args.size), ...(args.contentType === undefined ? {} : { 'content-type': args.contentType }) }),
  );
}

const ALLOWED_HEADERS = new Set(['authorization', 'cookie', 'expires']);
const isHttpUrl = (text: string | undefined): text is string => {
  if (text === undefined) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** §4: the slot's PUT and GET URLs and headers; undefined when the answer is not one. */
export function parseSlot(reply: Element): Slot | undefined {
  const slot = reply.getChild('slot', NS_UPLOAD);
  const put = slot?.getChild('put')?.attrs.url;
  const get = slot?.getChild('get')?.attrs.url;
  if (!isHttpUrl(put) || !isHttpUrl(get)) return undefined;
  const headers: Record<string, string> = {};
  for (const header of slot?.getChild('put')?.getChildren('header') ?? []) {
    const name = String(header.attrs.name ?? '');
    const value = header.text();
    if (ALLOWED_HEADERS.has(name.toLowerCase()) && !/[\r\n]/u.test(value)) headers[name] = value;
  }
  return { put, get, headers };
}

/** XEP-0066 §3: the stanza's out-of-band URL is its whole body, as clients share uploads (an http(s) one only). */
export function sharesOutOfBand(stanza: Element, body: string): boolean {
  const url = stanza.getChild('x', NS_OOB)?.getChildText('url')?.trim();
  return url !== undefined && url === body.trim() && isHttpUrl(url);
}

/** XEP-0066 §3: the file's URL beside the body that repeats it, as other clients send uploads. */
export const buildOob = (url: string): Element => xml('x', { xmlns: NS_OOB }, xml('url', {}, url));
