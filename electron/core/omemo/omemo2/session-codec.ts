// An OMEMO 2 session as JSON, for the store (which encrypts it at rest like the 0.3 sessions): bytes as base64.
import { Omemo2Error } from './errors.ts';
import type { ChainState, RatchetState, SkippedKey } from './double-ratchet.ts';
import type { Session } from './session.ts';
import type { KeyExchangeHeader } from './x3dh.ts';

const damaged = (): Omemo2Error => new Omemo2Error('damaged-session', 'A stored OMEMO 2 session is damaged.');
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const bytes = (value: unknown): Uint8Array => {
  if (typeof value !== 'string') throw damaged();
  return new Uint8Array(Buffer.from(value, 'base64'));
};
const int = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw damaged();
  return value;
};
const record = (value: unknown): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) throw damaged();
  return value as Record<string, unknown>;
};
const optional = <T>(value: unknown, read: (v: unknown) => T): T | undefined => (value === undefined || value === null ? undefined : read(value));

const chainToJson = (chain: ChainState | undefined) => (chain ? { key: b64(chain.key), length: chain.length } : null);
const chainFromJson = (value: unknown): ChainState => {
  const r = record(value);
  return { key: bytes(r.key), length: int(r.length) };
};

export function serializeSession(session: Session): string {
  const { ratchet, pendingKeyExchange: kex } = session;
  return JSON.stringify({
    version: 1,
    associatedData: b64(session.associatedData),
    remoteIdentity: b64(session.remoteIdentity),
    builtFrom: session.builtFrom ? b64(session.builtFrom) : null,
    pendingKeyExchange: kex ? { pkId: kex.pkId, spkId: kex.spkId, ik: b64(kex.ik), ek: b64(kex.ek) } : null,
    ratchet: {
      rootKey: b64(ratchet.rootKey),
      ownPrivate: b64(ratchet.ownPrivate),
      otherPublic: ratchet.otherPublic ? b64(ratchet.otherPublic) : null,
      sending: chainToJson(ratchet.sending),
      receiving: chainToJson(ratchet.receiving),
      previousSendingLength: ratchet.previousSendingLength,
      skipped: ratchet.skipped.map((k) => ({ ratchetPub: b64(k.ratchetPub), index: k.index, messageKey: b64(k.messageKey) })),
    },
  });
}

export function parseSession(json: string): Session {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw damaged();
  }
  const root = record(parsed);
  const r = record(root.ratchet);
  const skipped: SkippedKey[] = (Array.isArray(r.skipped) ? r.skipped : []).map((value: unknown) => {
    const k = record(value);
    return { ratchetPub: bytes(k.ratchetPub), index: int(k.index), messageKey: bytes(k.messageKey) };
  });
  const ratchet: RatchetState = {
    rootKey: bytes(r.rootKey),
    ownPrivate: bytes(r.ownPrivate),
    otherPublic: optional(r.otherPublic, bytes),
    sending: optional(r.sending, chainFromJson),
    receiving: optional(r.receiving, chainFromJson),
    previousSendingLength: int(r.previousSendingLength),
    skipped,
  };
  const pendingKeyExchange = optional(root.pendingKeyExchange, (value): KeyExchangeHeader => {
    const k = record(value);
    return { pkId: int(k.pkId), spkId: int(k.spkId), ik: bytes(k.ik), ek: bytes(k.ek) };
  });
  return {
    ratchet,
    associatedData: bytes(root.associatedData),
    remoteIdentity: bytes(root.remoteIdentity),
    pendingKeyExchange,
    builtFrom: optional(root.builtFrom, bytes),
  };
}
