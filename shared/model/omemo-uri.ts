// The verification code of an OMEMO device as Conversations, Dino and Gajim show it in a QR code: an `xmpp:` URI (RFC 5122)
// with one `omemo-sid-<device id>=<fingerprint>` pair per device, the fingerprint as hex without the key's 0x05 type byte.
import { normaliseFingerprint } from './fingerprint.ts';

export interface DeviceCode {
  readonly deviceId: number;
  /** 64 lower-case hex digits. */
  readonly fingerprint: string;
}

/** A pasted code: a URI names its account and devices; a bare fingerprint names neither. */
export interface VerificationCode {
  readonly jid?: string;
  readonly devices: readonly DeviceCode[];
}

const sidKey = /^omemo-sid-(\d{1,10})$/;

/** `xmpp:alice@example.org?omemo-sid-123=0a1b…`: what our QR code holds. */
export function buildVerificationUri(jid: string, device: DeviceCode): string {
  // RFC 5122 §2.7: the address as an IRI, its reserved characters percent-encoded.
  const at = jid.lastIndexOf('@');
  const address = at < 0 ? encodeURIComponent(jid) : `${encodeURIComponent(jid.slice(0, at))}@${encodeURIComponent(jid.slice(at + 1))}`;
  return `xmpp:${address}?omemo-sid-${String(device.deviceId)}=${normaliseFingerprint(device.fingerprint) ?? device.fingerprint}`;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function parseUri(text: string): VerificationCode | undefined {
  const rest = text.slice('xmpp:'.length).replace(/^\/\//, '');
  const question = rest.indexOf('?');
  const jid = decoded(question < 0 ? rest : rest.slice(0, question));
  if (jid === undefined || jid.length === 0) return undefined;
  const devices: DeviceCode[] = [];
  // RFC 5122 §2.5: the query is an action then key=value pairs, separated by semicolons (some clients use &).
  for (const pair of question < 0 ? [] : rest.slice(question + 1).split(/[;&]/)) {
    const [key = '', value = ''] = pair.split('=', 2);
    const sid = sidKey.exec(key);
    const fingerprint = normaliseFingerprint(decoded(value) ?? '');
    const deviceId = sid ? Number(sid[1]) : 0;
    if (sid && fingerprint !== undefined && deviceId > 0 && deviceId <= 0x7fffffff) devices.push({ deviceId, fingerprint });
  }
  return devices.length > 0 ? { jid: jid.toLowerCase(), devices } : undefined;
}

/** A pasted `xmpp:` URI with device fingerprints, or one fingerprint alone; undefined when it is neither. */
export function parseVerificationCode(text: string): VerificationCode | undefined {
  const trimmed = text.trim();
  if (/^xmpp:/i.test(trimmed)) return parseUri(`xmpp:${trimmed.slice(5)}`);
  const fingerprint = normaliseFingerprint(trimmed);
  return fingerprint === undefined ? undefined : { devices: [{ deviceId: 0, fingerprint }] };
}

export interface KnownDevice {
  readonly deviceId: number;
  /** As shown: hex in groups; undefined until its bundle was read. */
  readonly fingerprint?: string | undefined;
}

export type CodeMatch =
  | { readonly ok: true; readonly deviceIds: readonly number[] }
  /** other-account: the URI is for `jid`; mismatch: a device has another key than the code says; no-match: no device has it. */
  | { readonly ok: false; readonly reason: 'other-account'; readonly jid: string }
  | { readonly ok: false; readonly reason: 'mismatch'; readonly deviceId: number }
  | { readonly ok: false; readonly reason: 'no-match' };

/** Which of `jid`'s devices the code verifies: every device it names must have the fingerprint it gives. */
export function matchVerificationCode(code: VerificationCode, jid: string, devices: readonly KnownDevice[]): CodeMatch {
  if (code.jid !== undefined && code.jid !== jid.toLowerCase()) return { ok: false, reason: 'other-account', jid: code.jid };
  const matched: number[] = [];
  for (const entry of code.devices) {
    const byId = devices.find((device) => device.deviceId === entry.deviceId && device.fingerprint !== undefined);
    if (byId && normaliseFingerprint(byId.fingerprint ?? '') !== entry.fingerprint) return { ok: false, reason: 'mismatch', deviceId: entry.deviceId };
    const byKey = byId ?? devices.find((device) => normaliseFingerprint(device.fingerprint ?? '') === entry.fingerprint);
    if (byKey && !matched.includes(byKey.deviceId)) matched.push(byKey.deviceId);
  }
  return matched.length > 0 ? { ok: true, deviceIds: matched } : { ok: false, reason: 'no-match' };
}
