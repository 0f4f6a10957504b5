import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createNodeCurve } from '../../../electron/core/omemo/node-curve.ts';
import { libraryCurve, removedProcessListeners } from '../../../electron/core/omemo/signal-library.ts';
import { xeddsaVerify } from '../../../electron/core/omemo/xeddsa-verify.ts';

const root = join(import.meta.dirname, '../../..');

// A process in the host's policy (Electron's main process warns on an unhandled rejection and carries on).
function rejectAfterLoading(specifier: string): { status: number | null; stdout: string } {
  const script = `await import(${JSON.stringify(specifier)});
Promise.reject(new Error('unrelated rejection'));
setTimeout(() => console.log('still running'), 100);`;
  const child = spawnSync(process.execPath, ['--unhandled-rejections=warn', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: child.status, stdout: child.stdout };
}

function bytes(n: number): ArrayBuffer {
  const buffer = randomBytes(n);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + n);
}

describe('the Signal library, loaded through signal-library.ts', () => {
  it('loaded bare, it turns an unrelated rejection into an abort (why the guard exists)', () => {
    const bare = rejectAfterLoading('@privacyresearch/libsignal-protocol-typescript');
    expect(bare.stdout).not.toContain('still running');
    expect(bare.status).not.toBe(0);
  });

  it('loaded through the guard, an unrelated rejection no longer kills the process', () => {
    const guarded = rejectAfterLoading(pathToFileURL(join(root, 'electron/core/omemo/signal-library.ts')).href);
    expect(guarded.stdout).toContain('still running');
    expect(guarded.status).toBe(0);
  });

  it('removes the two handlers the library added and leaves the test runner its own', () => {
    expect(removedProcessListeners).toBe(2);
    expect(process.listeners('unhandledRejection').every((listener) => !String(listener).includes('abort'))).toBe(true);
  });
});

describe('X25519 from node:crypto', () => {
  const nodeCurve = createNodeCurve(libraryCurve);

  it('derives the same clamped key pair as the library curve', async () => {
    for (let i = 0; i < 5; i += 1) {
      const priv = bytes(32);
      const ours = await nodeCurve.keyPair(priv.slice(0));
      const theirs = await libraryCurve.keyPair(priv.slice(0));
      expect(Buffer.from(ours.pubKey)).toEqual(Buffer.from(theirs.pubKey));
      expect(Buffer.from(ours.privKey)).toEqual(Buffer.from(theirs.privKey));
    }
  });

  it('agrees on the same shared secret as the library curve, from both sides', async () => {
    const alice = await nodeCurve.keyPair(bytes(32));
    const bob = await libraryCurve.keyPair(bytes(32));
    const mine = Buffer.from(await nodeCurve.sharedSecret(bob.pubKey, alice.privKey));
    expect(mine).toEqual(Buffer.from(await libraryCurve.sharedSecret(bob.pubKey, alice.privKey)));
    expect(mine).toEqual(Buffer.from(await nodeCurve.sharedSecret(alice.pubKey, bob.privKey)));
  });

  it('matches the RFC 7748 §6.1 Diffie-Hellman vector', async () => {
    const alicePriv = Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex');
    const bobPub = Buffer.from('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f', 'hex');
    const shared = await nodeCurve.sharedSecret(new Uint8Array(bobPub).buffer, new Uint8Array(alicePriv).buffer);
    expect(Buffer.from(shared).toString('hex')).toBe('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
  });

  it('refuses a key that is not 32 bytes', async () => {
    await expect(nodeCurve.sharedSecret(bytes(33), bytes(32))).rejects.toThrow('32 bytes');
  });
});

describe('XEdDSA verification with node:crypto', () => {
  const nodeCurve = createNodeCurve(libraryCurve);

  it('accepts what the library’s curve signs and refuses any change, as the library’s curve does', async () => {
    for (let i = 0; i < 12; i += 1) {
      const { pubKey, privKey } = await libraryCurve.keyPair(bytes(32));
      const message = bytes(33);
      const signature = await libraryCurve.sign(privKey, message);
      expect(xeddsaVerify(new Uint8Array(pubKey), new Uint8Array(message), new Uint8Array(signature))).toBe(true);
      // The library's convention: verify resolves true when the signature is invalid.
      expect(await nodeCurve.verify(pubKey, message, signature)).toBe(false);
      const changes = [0, 31, 63].map((index) => {
        const changed = new Uint8Array(signature.slice(0));
        changed[index] = (changed[index] ?? 0) ^ (index === 63 ? 0x80 : 0x01);
        return changed;
      });
      for (const changed of changes) {
        expect(await nodeCurve.verify(pubKey, message, changed.buffer)).toBe(true);
        expect(await libraryCurve.verify(pubKey, message, changed.buffer)).toBe(true);
      }
      const otherMessage = new Uint8Array(message.slice(0));
      otherMessage[0] = (otherMessage[0] ?? 0) ^ 1;
      expect(await nodeCurve.verify(pubKey, otherMessage.buffer, signature)).toBe(true);
    }
  });

  it('refuses keys and signatures of the wrong length', () => {
    expect(xeddsaVerify(new Uint8Array(31), new Uint8Array(1), new Uint8Array(64))).toBe(false);
    expect(xeddsaVerify(new Uint8Array(32), new Uint8Array(1), new Uint8Array(63))).toBe(false);
  });
});
