// Remembered passwords on the desktop: sealed by the OS keychain through safeStorage, never kept in clear.
// Without a usable keychain Causette refuses to remember rather than write a readable password to disk.
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { CausetteError } from '../shared/ipc/errors.ts';
import { createFileSecretBox, type Sealer, type SecretBox } from './core/secrets/secret-box.ts';

export type Keychain = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** Whether safeStorage really encrypts: on Linux without a keyring it falls back to 'basic_text', a fixed key. */
function isUsable(keychain: Keychain, platform: NodeJS.Platform): boolean {
  return keychain.isEncryptionAvailable() && !(platform === 'linux' && keychain.getSelectedStorageBackend() === 'basic_text');
}

export function createKeychainSealer(keychain: Keychain, platform: NodeJS.Platform): Sealer {
  return {
    kind: 'os-keychain',
    seal(plain) {
      if (!isUsable(keychain, platform)) {
        throw new CausetteError(
          'keychain-unavailable',
          'No system keychain is available, so Causette cannot remember this password. Sign in without “Remember password”, or unlock or install a keyring (GNOME Keyring, KWallet) and try again.',
          undefined,
          { context: 'seal' },
        );
      }
      return keychain.encryptString(plain).toString('base64');
    },
    open(sealed) {
      if (!isUsable(keychain, platform)) {
        throw new CausetteError('keychain-unavailable', 'The system keychain is not available, so the remembered password cannot be read. Unlock your keyring, or enter the password.');
      }
      return keychain.decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}

export function createDesktopSecretBox(profileDir: string, keychain: Keychain, platform: NodeJS.Platform): SecretBox {
  return createFileSecretBox(join(profileDir, 'secrets.json'), createKeychainSealer(keychain, platform));
}
