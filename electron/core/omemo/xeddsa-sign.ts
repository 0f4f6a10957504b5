// XEdDSA signing (Signal's XEdDSA spec §2.3, §3.3): a Curve25519 private key signs as Ed25519 under the Edwards form of
// its public key with the sign bit 0, so one identity key serves OMEMO 0.3 (Curve25519) and OMEMO 2 (Ed25519).
// Edwards arithmetic on BigInt (RFC 8032 §5.1.4, extended coordinates): signing is rare, a few milliseconds each.
import { createHash, randomBytes } from 'node:crypto';
import { divide, fromLittleEndian, toLittleEndian } from './curve25519-field.ts';

const p = 2n ** 255n - 19n;
/** The order of the base point (RFC 8032 §5.1: L). */
const q = 2n ** 252n + 27742317777372353535851937790883648493n;
const d = divide(-121665n, 121666n);
const twoD = (2n * d) % p;

interface Point {
  readonly x: bigint;
  readonly y: bigint;
  readonly z: bigint;
  readonly t: bigint;
}

const mod = (value: bigint, m: bigint): bigint => ((value % m) + m) % m;

const base: Point = (() => {
  const x = 15112221349535400772501151409588531511454012693041857206046113283949847762202n;
  const y = 46316835694926478169428394003475163141307993866256225615783033603165251855960n;
  return { x, y, z: 1n, t: (x * y) % p };
})();
const identityPoint: Point = { x: 0n, y: 1n, z: 1n, t: 0n };

// RFC 8032 §5.1.4: the unified addition, also used for doubling.
function add(a: Point, b: Point): Point {
  const A = mod((a.y - a.x) * (b.y - b.x), p);
  const B = ((a.y + a.x) * (b.y + b.x)) % p;
  const C = (((a.t * twoD) % p) * b.t) % p;
  const D = (2n * a.z * b.z) % p;
  const E = mod(B - A, p);
  const F = mod(D - C, p);
  const G = (D + C) % p;
  const H = (B + A) % p;
  return { x: (E * F) % p, y: (G * H) % p, z: (F * G) % p, t: (E * H) % p };
}

/** scalar · B by a Montgomery ladder (the same operations for every bit). */
function multiplyBase(scalar: bigint): Point {
  let r0 = identityPoint;
  let r1 = base;
  for (let bit = 254n; bit >= 0n; bit -= 1n) {
    if ((scalar >> bit) & 1n) {
      r0 = add(r0, r1);
      r1 = add(r1, r1);
    } else {
      r1 = add(r0, r1);
      r0 = add(r0, r0);
    }
  }
  return r0;
}

/** RFC 8032 §5.1.2: y little-endian, the low bit of x in the top bit. */
function encode(point: Point): { bytes: Buffer; sign: number } {
  const x = divide(point.x, point.z);
  const bytes = toLittleEndian(divide(point.y, point.z));
  const sign = Number(x & 1n);
  bytes[31] = (bytes[31] ?? 0) | (sign << 7);
  return { bytes, sign };
}

/** X25519's clamping (RFC 7748 §5): the scalar a Curve25519 private key stands for. */
function clampedScalar(privateKey: Uint8Array): bigint {
  const bytes = Buffer.from(privateKey);
  bytes[0] = (bytes[0] ?? 0) & 248;
  bytes[31] = ((bytes[31] ?? 0) & 127) | 64;
  return fromLittleEndian(bytes);
}

const sha512 = (...parts: Uint8Array[]): bigint => fromLittleEndian(createHash('sha512').update(Buffer.concat(parts)).digest());

/** hash_1's prefix (§2.5): 2^256 − 1 − 1 as 32 little-endian bytes. */
const hash1Prefix = Buffer.concat([Buffer.from([0xfe]), Buffer.alloc(31, 0xff)]);

/** The Ed25519 public key (sign bit 0) of a Curve25519 public key (32 bytes): y = (u − 1) / (u + 1) mod p (RFC 7748 §4.1). */
export function montgomeryToEdwards(montgomery: Uint8Array): Uint8Array {
  const u = fromLittleEndian(montgomery) & ((1n << 255n) - 1n);
  return new Uint8Array(toLittleEndian(divide(u - 1n, u + 1n)));
}

/** §2.3 xeddsa_sign: a 64-byte signature of `message` by the Curve25519 private key; `nonce` (64 bytes) only for known vectors. */
export function xeddsaSign(privateKey: Uint8Array, message: Uint8Array, nonce: Uint8Array = randomBytes(64)): Uint8Array {
  const k = clampedScalar(privateKey);
  // §2.3 calculate_key_pair: A = kB with the sign bit cleared, a negated when that changed the point.
  const { bytes: publicPoint, sign } = encode(multiplyBase(k));
  const A = Buffer.from(publicPoint);
  A[31] = (A[31] ?? 0) & 0x7f;
  const a = sign === 1 ? mod(-k, q) : k % q;
  const r = sha512(hash1Prefix, toLittleEndian(a), message, nonce) % q;
  const R = encode(multiplyBase(r)).bytes;
  const h = sha512(R, A, message) % q;
  const s = (r + h * a) % q;
  return new Uint8Array(Buffer.concat([R, toLittleEndian(s)]));
}
