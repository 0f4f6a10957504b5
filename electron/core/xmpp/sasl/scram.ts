// SCRAM client, RFC 5802 (SCRAM-SHA-1) and RFC 7677 (SCRAM-SHA-256), with or without channel binding (RFC 5802 §6).
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { ChannelBinding } from './channel-binding.ts';
import { saslPrep } from './saslprep.ts';

export type ScramHash = 'sha1' | 'sha256';

export interface ScramOptions {
  readonly hash: ScramHash;
  readonly username: string;
  readonly password: string;
  /**
   * RFC 5802 §6 gs2-cbind-flag: 'n' when the client cannot bind, 'y' when it can but the server offered no -PLUS,
   * or the binding of a -PLUS mechanism. Default 'n'.
   */
  readonly binding?: 'n' | 'y' | ChannelBinding;
  /** Fixed only by tests replaying the RFC vectors. */
  readonly nonce?: string;
}

export interface ScramClient {
  readonly clientFirst: string;
  /** Answers the server-first-message with the client-final-message (proof included). */
  clientFinal(serverFirst: string): Promise<string>;
  /** Throws unless the server-final-message proves the server knows the salted password. */
  verifyServerFinal(serverFinal: string): void;
}

// RFC 7677 §4: fewer than 4096 iterations is not acceptable; the ceiling keeps a hostile server from pinning a CPU.
const minIterations = 4096;
const maxIterations = 10_000_000;

const pbkdf2Async = promisify(pbkdf2);

// RFC 5802 §5.1: ',' and '=' in a saslname are written =2C and =3D.
export function escapeSaslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(message: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) attributes.set(part[0] ?? '', part.slice(2));
  }
  return attributes;
}

const refuse = (message: string) => new CausetteError('no-mechanism', message);

export function createScramClient(options: ScramOptions): ScramClient {
  const hmac = (key: Buffer, data: string) => createHmac(options.hash, key).update(data).digest();
  const keyLength = options.hash === 'sha1' ? 20 : 32;
  const nonce = options.nonce ?? randomBytes(18).toString('base64');
  const binding = options.binding ?? 'n';
  const gs2Header = typeof binding === 'string' ? `${binding},,` : `p=${binding.type},,`;
  // RFC 5802 §7: c= carries the GS2 header, followed for -PLUS by the binding data itself.
  const channelBinding = Buffer.concat([Buffer.from(gs2Header), typeof binding === 'string' ? Buffer.alloc(0) : binding.data]).toString('base64');
  // RFC 5802 §5.1, §2.2: both are prepared as queries, before anything is sent, so a bad one fails early and clearly.
  const username = saslPrep(options.username, 'query', 'username');
  if (username === '') throw new CausetteError('invalid-credentials', 'The username is empty once prepared for signing in (RFC 4013).', undefined, { context: 'emptyUsername' });
  const password = saslPrep(options.password, 'query', 'password');
  const clientFirstBare = `n=${escapeSaslName(username)},r=${nonce}`;
  let expectedServerSignature: Buffer | undefined;

  return {
    clientFirst: gs2Header + clientFirstBare,

    async clientFinal(serverFirst) {
      const attributes = parseAttributes(serverFirst);
      if (attributes.has('m')) throw refuse('The server requires a SCRAM extension Causette does not know.');
      const serverNonce = attributes.get('r') ?? '';
      const salt = Buffer.from(attributes.get('s') ?? '', 'base64');
      const iterations = Number(attributes.get('i'));
      // RFC 5802 §5.1: the server's nonce must extend ours, or the exchange is being replayed.
      if (!serverNonce.startsWith(nonce) || serverNonce.length === nonce.length) throw refuse('The server answered SCRAM with a nonce that is not ours.');
      if (salt.length === 0) throw refuse('The server sent SCRAM parameters without a salt.');
      if (!Number.isInteger(iterations) || iterations < minIterations || iterations > maxIterations) {
        throw refuse(`The server asked for ${String(attributes.get('i'))} SCRAM iterations; Causette needs between ${minIterations} and ${maxIterations}.`);
      }
      // Derivation runs on the libuv pool so the main thread stays responsive.
      const salted = await pbkdf2Async(password, salt, iterations, keyLength, options.hash);
      const withoutProof = `c=${channelBinding},r=${serverNonce}`;
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const clientKey = hmac(salted, 'Client Key');
      const storedKey = createHash(options.hash).update(clientKey).digest();
      const clientSignature = hmac(storedKey, authMessage);
      const proof = Buffer.alloc(keyLength);
      for (let index = 0; index < keyLength; index += 1) proof[index] = (clientKey[index] ?? 0) ^ (clientSignature[index] ?? 0);
      expectedServerSignature = hmac(hmac(salted, 'Server Key'), authMessage);
      return `${withoutProof},p=${proof.toString('base64')}`;
    },

    verifyServerFinal(serverFinal) {
      const attributes = parseAttributes(serverFinal);
      const error = attributes.get('e');
      if (error !== undefined) throw new CausetteError('not-authorized', `The server ended SCRAM with an error: ${error}.`);
      const signature = Buffer.from(attributes.get('v') ?? '', 'base64');
      // RFC 5802 §5.1: a wrong ServerSignature means the server does not know the password: not the server we trust.
      if (!expectedServerSignature || signature.length !== expectedServerSignature.length || !timingSafeEqual(signature, expectedServerSignature)) {
        throw refuse('The server could not prove that it knows the password (SCRAM server signature mismatch).');
      }
    },
  };
}
