// XEdDSA signature verification (Signal's XEdDSA spec §2.3, §3.4) with node:crypto's Ed25519: the X25519 public key
// becomes the Edwards one (y = (u − 1) / (u + 1) mod p, RFC 7748 §4.1), its sign bit taken from the signature.
import { createPublicKey, verify } from 'node:crypto';
import { montgomeryToEdwards } from './xeddsa-sign.ts';

// DER prefix of an Ed25519 SubjectPublicKeyInfo (OID 1.3.101.112, RFC 8410 §4).
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

/** Whether `signature` (64 bytes) is a valid XEdDSA signature of `message` by the X25519 key `montgomery` (32 bytes). */
export function xeddsaVerify(montgomery: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (montgomery.length !== 32 || signature.length !== 64) return false;
  // The top bit of u is ignored, as X25519 does (RFC 7748 §5).
  const edwards = Buffer.from(montgomeryToEdwards(montgomery));
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
