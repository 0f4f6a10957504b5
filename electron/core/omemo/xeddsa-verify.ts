// XEdDSA signature verification (Signal's XEdDSA spec §2.3, §3.4) with node:crypto's Ed25519: the X25519 public key
// becomes the Edwards one (y = (u − 1) / (u + 1) mod p, RFC 7748 §4.1), its sign bit taken from the signature.
import { createPublicKey, verify } from 'node:crypto';

const p = 2n ** 255n - 19n;
// DER prefix of an Ed25519 SubjectPublicKeyInfo (OID 1.3.101.112, RFC 8410 §4).
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % p;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % p;
    b = (b * b) % p;
  }
  return result;
}

const fromLittleEndian = (bytes: Uint8Array): bigint => bytes.reduceRight((value, byte) => (value << 8n) | BigInt(byte), 0n);

function toLittleEndian(value: bigint): Buffer {
  const out = Buffer.alloc(32);
  for (let i = 0, v = value; i < 32; i += 1, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Whether `signature` (64 bytes) is a valid XEdDSA signature of `message` by the X25519 key `montgomery` (32 bytes). */
export function xeddsaVerify(montgomery: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (montgomery.length !== 32 || signature.length !== 64) return false;
  // The top bit of u is ignored, as X25519 does (RFC 7748 §5).
  const u = fromLittleEndian(montgomery) & ((1n << 255n) - 1n);
  const y = (((u - 1n + p) % p) * modPow(u + 1n, p - 2n)) % p;
  const edwards = toLittleEndian(y);
  edwards[31] = (edwards[31] & 0x7f) | (signature[63] & 0x80);
  const plainSignature = Buffer.from(signature);
  plainSignature[63] = plainSignature[63] & 0x7f;
  try {
    const key = createPublicKey({ key: Buffer.concat([spkiPrefix, edwards]), format: 'der', type: 'spki' });
    return verify(null, message, key, plainSignature);
  } catch {
    // A point not on the curve cannot have signed anything.
    return false;
  }
}
