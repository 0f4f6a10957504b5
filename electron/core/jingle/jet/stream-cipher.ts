// XEP-0391 §4.1: the file's bytes encrypted with the transport secret, as they stream (never the whole file in memory):
// AES-GCM over the bytestream, its 16-byte tag after the last byte (the layout Libervia, the other implementation, uses).
// The receiver holds the last 16 bytes back until the end, where they are the tag that authenticates everything.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { TransportSecret } from './jet-stanzas.ts';

export const TAG_LENGTH = 16;

const algorithm = (secret: TransportSecret) => (secret.cipher === 'aes-128-gcm' ? 'aes-128-gcm' : 'aes-256-gcm');

export interface StreamCipher {
  update(bytes: Uint8Array): Buffer;
  /** The sender's tag; the receiver's last plaintext bytes (none), or a throw when the tag does not match. */
  final(): Buffer;
}

export function encryptingStream(secret: TransportSecret): StreamCipher {
  const cipher = createCipheriv(algorithm(secret), secret.key, secret.iv, { authTagLength: TAG_LENGTH });
  return {
    update: (bytes) => cipher.update(bytes),
    final: () => Buffer.concat([cipher.final(), cipher.getAuthTag()]),
  };
}

export function decryptingStream(secret: TransportSecret): StreamCipher {
  const decipher = createDecipheriv(algorithm(secret), secret.key, secret.iv, { authTagLength: TAG_LENGTH });
  let held = Buffer.alloc(0);
  return {
    update(bytes) {
      if (bytes.length < TAG_LENGTH) {
        const all = Buffer.concat([held, bytes]);
        const cut = Math.max(0, all.length - TAG_LENGTH);
        held = Buffer.from(all.subarray(cut));
        return decipher.update(all.subarray(0, cut));
      }
      // The bytes held before are no tag after all; the big chunk is deciphered where it lies, without a copy.
      const before = decipher.update(held);
      const plain = decipher.update(bytes.subarray(0, bytes.length - TAG_LENGTH));
      held = Buffer.from(bytes.subarray(bytes.length - TAG_LENGTH));
      return before.length === 0 ? plain : Buffer.concat([before, plain]);
    },
    final() {
      if (held.length !== TAG_LENGTH) throw new Error('the encrypted stream ended before its tag');
      decipher.setAuthTag(held);
      return decipher.final();
    },
  };
}
