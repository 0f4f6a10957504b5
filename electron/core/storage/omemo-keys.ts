// One account's OMEMO keys in the store (XEP-0384 §5.3): private keys and session records sealed, public parts in clear.
import type { Database } from './database.ts';
import type { KeySealer } from './omemo-sealing.ts';

export interface OwnIdentity {
  /** Our device id, also the Signal registration id. */
  readonly deviceId: number;
  /** As the Signal library gives it: 33 bytes with the 0x05 type prefix. */
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
  readonly createdAt: number;
}

export interface SignedPreKey {
  readonly keyId: number;
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
  readonly signature: Uint8Array;
  readonly createdAt: number;
}

export interface PreKey {
  readonly keyId: number;
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export type DeviceTrust = 'undecided' | 'trusted' | 'verified' | 'untrusted';

export interface DeviceIdentity {
  readonly jid: string;
  readonly deviceId: number;
  readonly identityKey: Uint8Array;
  readonly trust: DeviceTrust;
  readonly firstSeen: number;
  /** When a message from it was last decrypted (epoch ms). */
  readonly lastSeen?: number;
}

/** What saving a contact device's identity key did: a changed key forgets the trust given to the old one. */
export type IdentityChange = 'new' | 'same' | 'changed';

export interface OmemoKeyStore {
  identity(): OwnIdentity | undefined;
  saveIdentity(identity: OwnIdentity): void;
  signedPreKey(keyId: number): SignedPreKey | undefined;
  /** Newest first. */
  signedPreKeys(): SignedPreKey[];
  putSignedPreKey(key: SignedPreKey): void;
  removeSignedPreKey(keyId: number): void;
  preKey(keyId: number): PreKey | undefined;
  /** Ids in ascending order. */
  preKeyIds(): number[];
  /** The highest prekey id ever stored, even if its key has since been used. */
  lastPreKeyId(): number;
  putPreKeys(keys: readonly PreKey[]): void;
  removePreKey(keyId: number): void;
  session(jid: string, deviceId: number): string | undefined;
  putSession(jid: string, deviceId: number, record: string): void;
  removeSession(jid: string, deviceId: number): void;
  /** An OMEMO 2 session (XEP-0384 v0.8), as omemo2/session-codec.ts writes it. */
  session2(jid: string, deviceId: number): string | undefined;
  putSession2(jid: string, deviceId: number, record: string): void;
  removeSession2(jid: string, deviceId: number): void;
  deviceIdentity(jid: string, deviceId: number): DeviceIdentity | undefined;
  deviceIdentities(jid: string): DeviceIdentity[];
  putDeviceIdentity(jid: string, deviceId: number, identityKey: Uint8Array, now: number): IdentityChange;
  setTrust(jid: string, deviceId: number, trust: DeviceTrust): void;
  /** A message from the device was decrypted at `at`. */
  sawDevice(jid: string, deviceId: number, at: number): void;
  /** The user dismissed the banner about `jid`'s new device `deviceId`: it stays dismissed across restarts. */
  dismissBanner(jid: string, deviceId: number, at: number): void;
  /** The ids of `jid`'s devices whose new-device banner was dismissed. */
  dismissedBanners(jid: string): number[];
}

interface IdentityRow { device_id: number; public_key: Uint8Array; sealed_private_key: Uint8Array; created_at: number }
interface SignedPreKeyRow { key_id: number; public_key: Uint8Array; sealed_private_key: Uint8Array; signature: Uint8Array; created_at: number }
interface PreKeyRow { key_id: number; public_key: Uint8Array; sealed_private_key: Uint8Array }
interface DeviceIdentityRow { jid: string; device_id: number; identity_key: Uint8Array; trust: DeviceTrust; first_seen: number; last_seen: number | null }

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

export function createOmemoKeyStore(db: Database, accountId: string, sealer: KeySealer): OmemoKeyStore {
  // Each sealed value is bound to its table, account and row: one copied elsewhere does not open.
  const context = (table: string, ...row: (string | number)[]) => [table, accountId, ...row].join('\u0000');
  const q = {
    identity: db.prepare('SELECT device_id, public_key, sealed_private_key, created_at FROM omemo_identity WHERE account_id = ?'),
    saveIdentity: db.prepare(
      `INSERT INTO omemo_identity (account_id, device_id, public_key, sealed_private_key, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET device_id = excluded.device_id, public_key = excluded.public_key,
         sealed_private_key = excluded.sealed_private_key, created_at = excluded.created_at`,
    ),
    signedPreKey: db.prepare('SELECT key_id, public_key, sealed_private_key, signature, created_at FROM omemo_signed_prekeys WHERE account_id = ? AND key_id = ?'),
    signedPreKeys: db.prepare('SELECT key_id, public_key, sealed_private_key, signature, created_at FROM omemo_signed_prekeys WHERE account_id = ? ORDER BY created_at DESC, key_id DESC'),
    putSignedPreKey: db.prepare('INSERT OR REPLACE INTO omemo_signed_prekeys (account_id, key_id, public_key, sealed_private_key, signature, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    removeSignedPreKey: db.prepare('DELETE FROM omemo_signed_prekeys WHERE account_id = ? AND key_id = ?'),
    preKey: db.prepare('SELECT key_id, public_key, sealed_private_key FROM omemo_prekeys WHERE account_id = ? AND key_id = ?'),
    preKeyIds: db.prepare('SELECT key_id FROM omemo_prekeys WHERE account_id = ? ORDER BY key_id'),
    putPreKey: db.prepare('INSERT OR REPLACE INTO omemo_prekeys (account_id, key_id, public_key, sealed_private_key) VALUES (?, ?, ?, ?)'),
    lastPreKeyId: db.prepare('SELECT last_prekey_id FROM omemo_identity WHERE account_id = ?'),
    raiseLastPreKeyId: db.prepare('UPDATE omemo_identity SET last_prekey_id = MAX(last_prekey_id, ?) WHERE account_id = ?'),
    removePreKey: db.prepare('DELETE FROM omemo_prekeys WHERE account_id = ? AND key_id = ?'),
    session: db.prepare('SELECT sealed_record FROM omemo_sessions WHERE account_id = ? AND jid = ? AND device_id = ?'),
    putSession: db.prepare('INSERT OR REPLACE INTO omemo_sessions (account_id, jid, device_id, sealed_record) VALUES (?, ?, ?, ?)'),
    removeSession: db.prepare('DELETE FROM omemo_sessions WHERE account_id = ? AND jid = ? AND device_id = ?'),
    session2: db.prepare('SELECT sealed_record FROM omemo2_sessions WHERE account_id = ? AND jid = ? AND device_id = ?'),
    putSession2: db.prepare('INSERT OR REPLACE INTO omemo2_sessions (account_id, jid, device_id, sealed_record) VALUES (?, ?, ?, ?)'),
    removeSession2: db.prepare('DELETE FROM omemo2_sessions WHERE account_id = ? AND jid = ? AND device_id = ?'),
    deviceIdentity: db.prepare('SELECT jid, device_id, identity_key, trust, first_seen, last_seen FROM omemo_device_identities WHERE account_id = ? AND jid = ? AND device_id = ?'),
    deviceIdentities: db.prepare('SELECT jid, device_id, identity_key, trust, first_seen, last_seen FROM omemo_device_identities WHERE account_id = ? AND jid = ? ORDER BY device_id'),
    putDeviceIdentity: db.prepare(
      `INSERT INTO omemo_device_identities (account_id, jid, device_id, identity_key, trust, first_seen) VALUES (?, ?, ?, ?, 'undecided', ?)
       ON CONFLICT (account_id, jid, device_id) DO UPDATE SET identity_key = excluded.identity_key, trust = 'undecided', first_seen = excluded.first_seen`,
    ),
    setTrust: db.prepare('UPDATE omemo_device_identities SET trust = ? WHERE account_id = ? AND jid = ? AND device_id = ?'),
    sawDevice: db.prepare('UPDATE omemo_device_identities SET last_seen = MAX(COALESCE(last_seen, 0), ?) WHERE account_id = ? AND jid = ? AND device_id = ?'),
    dismissBanner: db.prepare('INSERT OR IGNORE INTO omemo_banner_dismissals (account_id, jid, device_id, dismissed_at) VALUES (?, ?, ?, ?)'),
    dismissedBanners: db.prepare('SELECT device_id FROM omemo_banner_dismissals WHERE account_id = ? AND jid = ? ORDER BY device_id'),
  };

  const signedPreKeyOf = (row: SignedPreKeyRow): SignedPreKey => ({
    keyId: row.key_id,
    publicKey: row.public_key,
    privateKey: sealer.open(row.sealed_private_key, context('signed-prekey', row.key_id)),
    signature: row.signature,
    createdAt: row.created_at,
  });
  const deviceIdentityOf = (row: DeviceIdentityRow): DeviceIdentity => ({
    jid: row.jid,
    deviceId: row.device_id,
    identityKey: row.identity_key,
    trust: row.trust,
    firstSeen: row.first_seen,
    ...(row.last_seen === null ? {} : { lastSeen: row.last_seen }),
  });

  return {
    identity() {
      const row = q.identity.get(accountId) as IdentityRow | undefined;
      if (!row) return undefined;
      return { deviceId: row.device_id, publicKey: row.public_key, privateKey: sealer.open(row.sealed_private_key, context('identity')), createdAt: row.created_at };
    },
    saveIdentity({ deviceId, publicKey, privateKey, createdAt }) {
      q.saveIdentity.run(accountId, deviceId, publicKey, sealer.seal(privateKey, context('identity')), createdAt);
    },
    signedPreKey(keyId) {
      const row = q.signedPreKey.get(accountId, keyId) as SignedPreKeyRow | undefined;
      return row ? signedPreKeyOf(row) : undefined;
    },
    signedPreKeys: () => (q.signedPreKeys.all(accountId) as unknown as SignedPreKeyRow[]).map(signedPreKeyOf),
    putSignedPreKey({ keyId, publicKey, privateKey, signature, createdAt }) {
      q.putSignedPreKey.run(accountId, keyId, publicKey, sealer.seal(privateKey, context('signed-prekey', keyId)), signature, createdAt);
    },
    removeSignedPreKey(keyId) {
      q.removeSignedPreKey.run(accountId, keyId);
    },
    preKey(keyId) {
      const row = q.preKey.get(accountId, keyId) as PreKeyRow | undefined;
      return row ? { keyId: row.key_id, publicKey: row.public_key, privateKey: sealer.open(row.sealed_private_key, context('prekey', row.key_id)) } : undefined;
    },
    preKeyIds: () => (q.preKeyIds.all(accountId) as unknown as { key_id: number }[]).map((row) => row.key_id),
    putPreKeys(keys) {
      db.exec('SAVEPOINT omemo_prekeys');
      try {
        for (const { keyId, publicKey, privateKey } of keys) {
          q.putPreKey.run(accountId, keyId, publicKey, sealer.seal(privateKey, context('prekey', keyId)));
          q.raiseLastPreKeyId.run(keyId, accountId);
        }
        db.exec('RELEASE omemo_prekeys');
      } catch (error) {
        db.exec('ROLLBACK TO omemo_prekeys; RELEASE omemo_prekeys');
        throw error;
      }
    },
    lastPreKeyId: () => (q.lastPreKeyId.get(accountId) as { last_prekey_id: number } | undefined)?.last_prekey_id ?? 0,
    removePreKey(keyId) {
      q.removePreKey.run(accountId, keyId);
    },
    session(jid, deviceId) {
      const row = q.session.get(accountId, jid, deviceId) as { sealed_record: Uint8Array } | undefined;
      return row ? Buffer.from(sealer.open(row.sealed_record, context('session', jid, deviceId))).toString('utf8') : undefined;
    },
    putSession(jid, deviceId, record) {
      q.putSession.run(accountId, jid, deviceId, sealer.seal(Buffer.from(record, 'utf8'), context('session', jid, deviceId)));
    },
    removeSession(jid, deviceId) {
      q.removeSession.run(accountId, jid, deviceId);
    },
    session2(jid, deviceId) {
      const row = q.session2.get(accountId, jid, deviceId) as { sealed_record: Uint8Array } | undefined;
      return row ? Buffer.from(sealer.open(row.sealed_record, context('session2', jid, deviceId))).toString('utf8') : undefined;
    },
    putSession2(jid, deviceId, record) {
      q.putSession2.run(accountId, jid, deviceId, sealer.seal(Buffer.from(record, 'utf8'), context('session2', jid, deviceId)));
    },
    removeSession2(jid, deviceId) {
      q.removeSession2.run(accountId, jid, deviceId);
    },
    deviceIdentity(jid, deviceId) {
      const row = q.deviceIdentity.get(accountId, jid, deviceId) as DeviceIdentityRow | undefined;
      return row ? deviceIdentityOf(row) : undefined;
    },
    deviceIdentities: (jid) => (q.deviceIdentities.all(accountId, jid) as unknown as DeviceIdentityRow[]).map(deviceIdentityOf),
    putDeviceIdentity(jid, deviceId, identityKey, now) {
      const known = q.deviceIdentity.get(accountId, jid, deviceId) as DeviceIdentityRow | undefined;
      if (known && sameBytes(known.identity_key, identityKey)) return 'same';
      q.putDeviceIdentity.run(accountId, jid, deviceId, identityKey, now);
      return known ? 'changed' : 'new';
    },
    setTrust(jid, deviceId, trust) {
      q.setTrust.run(trust, accountId, jid, deviceId);
    },
    sawDevice(jid, deviceId, at) {
      q.sawDevice.run(at, accountId, jid, deviceId);
    },
    dismissBanner(jid, deviceId, at) {
      q.dismissBanner.run(accountId, jid, deviceId, at);
    },
    dismissedBanners: (jid) => (q.dismissedBanners.all(accountId, jid) as unknown as { device_id: number }[]).map((row) => row.device_id),
  };
}
