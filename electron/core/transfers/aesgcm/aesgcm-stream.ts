// XEP-0454 §4: a file encrypted with AES-256-GCM is its ciphertext followed by the 16-byte authentication tag. Both ways
// are streams, so a large file never sits in memory; the decryption releases nothing it cannot vouch for at the end.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Transform } from 'node:stream';
import { CausetteError } from '../../../../shared/ipc/errors.ts';

export const TAG_BYTES = 16;

interface Secrets {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/** Plaintext in, ciphertext then the tag out. */
export function encryptingStream({ key, iv }: Secrets): Transform {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, cipher.update(chunk));
    },
    flush(done) {
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
}

/** The integrity failure a wrong key, a truncated or an altered file ends in. */
export const integrityFailure = (): CausetteError =>
  new CausetteError('integrity-failure', 'The file could not be decrypted: the key does not match, or the file was altered.');

/**
 * Ciphertext and tag in, plaintext out; the last 16 bytes are held back as the tag, checked at the end (a mismatch fails
 * the stream with integrity-failure: whoever writes the output must then remove it).
 */
export function decryptingStream({ key, iv }: Secrets): Transform {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  let held = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const all = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
      const cut = Math.max(0, all.length - TAG_BYTES);
      held = Buffer.from(all.subarray(cut));
      done(null, cut === 0 ? undefined : decipher.update(all.subarray(0, cut)));
    },
    flush(done) {
      if (held.length < TAG_BYTES) return done(integrityFailure());
      try {
        decipher.setAuthTag(held);
        done(null, decipher.final());
      } catch {
        done(integrityFailure());
      }
    },
  });
}
