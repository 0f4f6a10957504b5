import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { createDesktopSecretBox, type Keychain } from '../../../electron/secrets.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function profile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'causette-secrets-'));
  dirs.push(dir);
  return dir;
}

/** A keychain that "encrypts" by reversing the text, so tests can see it was applied. */
function keychain(available: boolean, backend: ReturnType<Keychain['getSelectedStorageBackend']> = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptString: (plain: string) => Buffer.from([...plain].reverse().join('')),
    decryptString: (sealed: Buffer) => [...sealed.toString()].reverse().join(''),
  } satisfies Keychain;
}

describe('desktop secrets', () => {
  it('seals passwords with the keychain into secrets.json and reads them back', async () => {
    const dir = profile();
    const box = createDesktopSecretBox(dir, keychain(true), 'linux');
    await box.set('a1', 'correct horse');
    expect(box.kind).toBe('os-keychain');
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain('correct horse');
    await expect(box.get('a1')).resolves.toBe('correct horse');
  });

  it('refuses to remember when the keychain is unavailable, writing nothing', async () => {
    const dir = profile();
    const box = createDesktopSecretBox(dir, keychain(false), 'darwin');
    await expect(box.set('a1', 'pw')).rejects.toBeInstanceOf(CausetteError);
    await expect(box.set('a1', 'pw')).rejects.toThrow(/cannot remember this password/);
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
  });

  it('treats Linux’s basic_text fallback, a fixed key, as no keychain', async () => {
    const dir = profile();
    await expect(createDesktopSecretBox(dir, keychain(true, 'basic_text'), 'linux').set('a1', 'pw')).rejects.toBeInstanceOf(CausetteError);
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
  });

  it('asks for the Linux backend only on Linux', async () => {
    const mac = keychain(true);
    await createDesktopSecretBox(profile(), mac, 'darwin').set('a1', 'pw');
    expect(mac.getSelectedStorageBackend).not.toHaveBeenCalled();
  });
});
