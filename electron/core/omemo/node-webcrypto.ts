// The few Web Crypto calls the Signal library makes (AES-256-CBC, HMAC-SHA-256, SHA-512, random bytes) done by
// node:crypto synchronously: through crypto.subtle each costs an async job and a key import, most of a message's time.
import { createCipheriv, createDecipheriv, createHash, createHmac, getRandomValues } from 'node:crypto';

interface RawKey {
  readonly algorithm: string;
  readonly bytes: Buffer;
}

type Data = ArrayBuffer | ArrayBufferView;
type Algorithm = string | { readonly name: string; readonly iv?: Data };

const bytesOf = (data: Data): Buffer =>
  data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

const arrayBuffer = (bytes: Buffer): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

const nameOf = (algorithm: Algorithm): string => (typeof algorithm === 'string' ? algorithm : algorithm.name).toUpperCase();

// A throw inside the executor becomes a rejection, as Web Crypto's callers expect.
const settle = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

function keyFor(key: RawKey, algorithm: Algorithm): Buffer {
  if (key.algorithm !== nameOf(algorithm)) throw new Error(`A ${key.algorithm} key cannot be used for ${nameOf(algorithm)}.`);
  return key.bytes;
}

function cbc(direction: 'encrypt' | 'decrypt', algorithm: Algorithm, key: RawKey, data: Data): ArrayBuffer {
  if (nameOf(algorithm) !== 'AES-CBC' || typeof algorithm === 'string' || algorithm.iv === undefined) throw new Error('Only AES-CBC with an IV is provided.');
  const raw = keyFor(key, algorithm);
  const cipherName = `aes-${String(raw.length * 8)}-cbc`;
  const iv = bytesOf(algorithm.iv);
  // PKCS#7 padding, node's default, as Web Crypto's AES-CBC.
  const cipher = direction === 'encrypt' ? createCipheriv(cipherName, raw, iv) : createDecipheriv(cipherName, raw, iv);
  return arrayBuffer(Buffer.concat([cipher.update(bytesOf(data)), cipher.final()]));
}

const subtle = {
  importKey: (format: string, keyData: Data, algorithm: Algorithm) =>
    settle((): RawKey => {
      if (format !== 'raw') throw new Error('Only raw keys are provided.');
      return { algorithm: nameOf(algorithm), bytes: Buffer.from(bytesOf(keyData)) };
    }),
  encrypt: (algorithm: Algorithm, key: RawKey, data: Data) => settle(() => cbc('encrypt', algorithm, key, data)),
  decrypt: (algorithm: Algorithm, key: RawKey, data: Data) => settle(() => cbc('decrypt', algorithm, key, data)),
  sign: (algorithm: Algorithm, key: RawKey, data: Data) => settle(() => arrayBuffer(createHmac('sha256', keyFor(key, algorithm)).update(bytesOf(data)).digest())),
  digest: (algorithm: Algorithm, data: Data) =>
    settle(() => {
      if (nameOf(algorithm) !== 'SHA-512') throw new Error('Only SHA-512 digests are provided.');
      return arrayBuffer(createHash('sha512').update(bytesOf(data)).digest());
    }),
};

/** Handed to the library's setWebCrypto, whose parameter is typed as the whole Web Crypto API: it uses only these members. */
export const nodeWebCrypto = { getRandomValues, subtle };
