// Arithmetic in GF(2^255 − 19), the field of Curve25519 and Ed25519 (RFC 7748 §4.1), with 32-byte little-endian encodings.
const p = 2n ** 255n - 19n;

export function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % p;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % p;
    b = (b * b) % p;
  }
  return result;
}

/** a / b mod p (b ≠ 0), by Fermat's little theorem. */
export const divide = (a: bigint, b: bigint): bigint => (((a % p) + p) % p) * modPow(((b % p) + p) % p, p - 2n) % p;

export const fromLittleEndian = (bytes: Uint8Array): bigint => bytes.reduceRight((value, byte) => (value << 8n) | BigInt(byte), 0n);

export function toLittleEndian(value: bigint): Buffer {
  const out = Buffer.alloc(32);
  for (let i = 0, v = value; i < 32; i += 1, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}
