// The three protobuf messages of OMEMO 2 (XEP-0384 v0.8 §4.4, twomemo.proto): proto2, every field required, so
// every field is written even when zero. Encoded by hand: varints and length-delimited bytes are all they use.
import { Omemo2Error } from './errors.ts';

export interface OmemoMessage {
  readonly n: number;
  readonly pn: number;
  readonly dhPub: Uint8Array;
  /** Absent when the message is built only as associated data (§7.4). */
  readonly ciphertext?: Uint8Array | undefined;
}

export interface OmemoAuthenticatedMessage {
  readonly mac: Uint8Array;
  /** The serialized OMEMOMessage, kept as bytes: the MAC covers exactly these. */
  readonly message: Uint8Array;
}

export interface OmemoKeyExchange {
  readonly pkId: number;
  readonly spkId: number;
  readonly ik: Uint8Array;
  readonly ek: Uint8Array;
  readonly message: OmemoAuthenticatedMessage;
}

const varintType = 0;
const bytesType = 2;

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

const uintField = (field: number, value: number): number[] => [...varint((field << 3) | varintType), ...varint(value)];
const bytesField = (field: number, value: Uint8Array): number[] => [...varint((field << 3) | bytesType), ...varint(value.length), ...value];

type Field = { readonly type: 'uint'; readonly value: number } | { readonly type: 'bytes'; readonly value: Uint8Array };

const malformed = (what: string): Omemo2Error => new Omemo2Error('malformed-message', `Malformed ${what}.`);

/** The fields of a message by number (the last occurrence wins, as protobuf says); unknown wire types are refused. */
function readFields(bytes: Uint8Array, what: string): Map<number, Field> {
  const fields = new Map<number, Field>();
  let offset = 0;
  const readVarint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 5; i += 1) {
      if (offset >= bytes.length) throw malformed(what);
      const byte = bytes[offset++] ?? 0;
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (value >= 2 ** 32) throw malformed(what);
        return value;
      }
      scale *= 0x80;
    }
    throw malformed(what);
  };
  while (offset < bytes.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const type = key % 8;
    if (type === varintType) fields.set(field, { type: 'uint', value: readVarint() });
    else if (type === bytesType) {
      const length = readVarint();
      if (offset + length > bytes.length) throw malformed(what);
      fields.set(field, { type: 'bytes', value: bytes.slice(offset, offset + length) });
      offset += length;
    } else throw malformed(what);
  }
  return fields;
}

function uint(fields: Map<number, Field>, field: number, what: string): number {
  const found = fields.get(field);
  if (found?.type !== 'uint') throw malformed(what);
  return found.value;
}

function bytesOf(fields: Map<number, Field>, field: number, what: string): Uint8Array {
  const found = fields.get(field);
  if (found?.type !== 'bytes') throw malformed(what);
  return found.value;
}

export const encodeOmemoMessage = (m: OmemoMessage): Uint8Array =>
  new Uint8Array([...uintField(1, m.n), ...uintField(2, m.pn), ...bytesField(3, m.dhPub), ...(m.ciphertext ? bytesField(4, m.ciphertext) : [])]);

export function decodeOmemoMessage(bytes: Uint8Array): OmemoMessage {
  const fields = readFields(bytes, 'OMEMOMessage');
  const ciphertext = fields.get(4);
  return {
    n: uint(fields, 1, 'OMEMOMessage'),
    pn: uint(fields, 2, 'OMEMOMessage'),
    dhPub: bytesOf(fields, 3, 'OMEMOMessage'),
    ciphertext: ciphertext?.type === 'bytes' ? ciphertext.value : undefined,
  };
}

export const encodeAuthenticatedMessage = (m: OmemoAuthenticatedMessage): Uint8Array => new Uint8Array([...bytesField(1, m.mac), ...bytesField(2, m.message)]);

export function decodeAuthenticatedMessage(bytes: Uint8Array): OmemoAuthenticatedMessage {
  const fields = readFields(bytes, 'OMEMOAuthenticatedMessage');
  return { mac: bytesOf(fields, 1, 'OMEMOAuthenticatedMessage'), message: bytesOf(fields, 2, 'OMEMOAuthenticatedMessage') };
}

export const encodeKeyExchange = (m: OmemoKeyExchange): Uint8Array =>
  new Uint8Array([
    ...uintField(1, m.pkId),
    ...uintField(2, m.spkId),
    ...bytesField(3, m.ik),
    ...bytesField(4, m.ek),
    ...bytesField(5, encodeAuthenticatedMessage(m.message)),
  ]);

export function decodeKeyExchange(bytes: Uint8Array): OmemoKeyExchange {
  const fields = readFields(bytes, 'OMEMOKeyExchange');
  return {
    pkId: uint(fields, 1, 'OMEMOKeyExchange'),
    spkId: uint(fields, 2, 'OMEMOKeyExchange'),
    ik: bytesOf(fields, 3, 'OMEMOKeyExchange'),
    ek: bytesOf(fields, 4, 'OMEMOKeyExchange'),
    message: decodeAuthenticatedMessage(bytesOf(fields, 5, 'OMEMOKeyExchange')),
  };
}
