// Known vectors computed with python-omemo 1.0 (twomemo, doubleratchet, xeddsa from Debian), an implementation
// independent of ours: payload encryption, the Double Ratchet's AEAD and KDFs, the identity key's forms, the protobufs.
import { describe, expect, it } from 'vitest';
import { edwardsToMontgomery, identityFromCurve } from '../../../../electron/core/omemo/omemo2/identity-key.ts';
import { open, seal } from '../../../../electron/core/omemo/omemo2/message-aead.ts';
import { decryptPayload, encryptPayload } from '../../../../electron/core/omemo/omemo2/payload.ts';
import { decodeKeyExchange, encodeKeyExchange, encodeOmemoMessage } from '../../../../electron/core/omemo/omemo2/protobuf.ts';
import { chainStep, rootStep } from '../../../../electron/core/omemo/omemo2/ratchet-kdf.ts';
import { x25519PublicKey } from '../../../../electron/core/omemo/omemo2/x25519.ts';

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const range = (from: number, to: number): Uint8Array => Uint8Array.from({ length: to - from }, (_, i) => from + i);

describe('OMEMO 2 known vectors (python-omemo)', () => {
  it('payload encryption: HKDF "OMEMO Payload", AES-256-CBC, 16-byte HMAC tag after the key', () => {
    const sealed = encryptPayload(Buffer.from('Hello, OMEMO 2'), range(0, 32));
    expect(toHex(sealed.ciphertext)).toBe('a73e5175a8cc3dafcc5f081326d87708');
    expect(toHex(sealed.keyMaterial)).toBe(`${toHex(range(0, 32))}fe312b630f7bc4964a29a45b15a80c1b`);
    expect(Buffer.from(decryptPayload(sealed.keyMaterial, sealed.ciphertext)).toString()).toBe('Hello, OMEMO 2');
  });

  it('the Double Ratchet AEAD gives the same OMEMOAuthenticatedMessage as twomemo', () => {
    const expected =
      '0a10644c23ac6c01954e52300c9986d13ddb1258080510031a2009090909090909090909090909090909090909090909090909090909090909092230041ca3e4d9687b9d843670a8afe7c9a152c4986598c3e24bc71cf015c2abc07b2525f4c452acd3fa9b71976285608bac';
    const header = { n: 5, pn: 3, dhPub: new Uint8Array(32).fill(9) };
    const sealed = seal(range(100, 132), header, Buffer.from('key material 48 bytes long ......'), range(0, 64));
    expect(toHex(sealed)).toBe(expected);
    expect(Buffer.from(open(range(100, 132), hex(expected), range(0, 64))).toString()).toBe('key material 48 bytes long ......');
  });

  it('root chain step: HKDF keyed by the root key, info "OMEMO Root Chain"', () => {
    const { rootKey, chainKey } = rootStep(range(0, 32), range(32, 64));
    expect(toHex(rootKey) + toHex(chainKey)).toBe(
      '2fbe579f01132bf210d06bff40cb1603f1246281a78907a2dca43f7bf86415eb098895adc1a352cf2d6db6a44eef9f968b2ed13408ad7f9dfd36a7890f80cac1',
    );
  });

  it('message chain step: next chain key HMAC(ck, 0x02), message key HMAC(ck, 0x01)', () => {
    const { chainKey, messageKey } = chainStep(range(0, 32));
    expect(toHex(chainKey) + toHex(messageKey)).toBe(
      '4304c22c84a53755ab08ead8d97a8d429be5efa480682d7ad1da27f73e1fbe1d9b4c8120a4823a95f47cde17a244f4507244ee6e3957d1fab9fa29b44d3829b7',
    );
  });

  it('identity key: the Ed25519 form (sign bit 0) of a Curve25519 private key, and back to the Curve25519 public key', () => {
    const identity = identityFromCurve(range(200, 232));
    expect(toHex(identity.publicKey)).toBe('41b89c6f7c18f01f7ce678d00074f2d652401aae16ea4f130dbbf69a13708470');
    expect(toHex(x25519PublicKey(identity.privateKey))).toBe('4d5bab89b0733d9d8dcecf04f321c90b761b7765a6bdb2bddbfad3e7abdf1f66');
    expect(toHex(edwardsToMontgomery(identity.publicKey))).toBe('4d5bab89b0733d9d8dcecf04f321c90b761b7765a6bdb2bddbfad3e7abdf1f66');
  });

  it('OMEMOKeyExchange encodes as protobuf does, zero fields included, and decodes back', () => {
    const expected =
      '080010ac021a200101010101010101010101010101010101010101010101010101010101010101222002020202020202020202020202020202020202020202020202020202020202022a3f0a1003030303030303030303030303030303122b080010001a200404040404040404040404040404040404040404040404040404040404040404220378797a';
    const message = encodeOmemoMessage({ n: 0, pn: 0, dhPub: new Uint8Array(32).fill(4), ciphertext: Buffer.from('xyz') });
    const kex = { pkId: 0, spkId: 300, ik: new Uint8Array(32).fill(1), ek: new Uint8Array(32).fill(2), message: { mac: new Uint8Array(16).fill(3), message } };
    expect(toHex(encodeKeyExchange(kex))).toBe(expected);
    expect(decodeKeyExchange(hex(expected))).toEqual(kex);
  });
});
