import { mkdtempSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase, type Database } from '../../../electron/core/storage/database.ts';
import { createOmemoKeyStore } from '../../../electron/core/storage/omemo-keys.ts';
import { createKeySealer, loadStoreKey, secretBoxEntry } from '../../../electron/core/storage/omemo-sealing.ts';
import { createFileSecretBox, plainSealer } from '../../../electron/core/secrets/secret-box.ts';

function setUp(db: Database = openDatabase(':memory:')) {
  const accounts = createAccountStore(db);
  accounts.insert({ id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const key = randomBytes(32);
  return { db, accounts, key, keys: createOmemoKeyStore(db, 'a1', createKeySealer(key)) };
}

const secret = (label: string) => Buffer.concat([Buffer.from(`PRIVATE-${label}-`), randomBytes(16)]);

/** Every BLOB and TEXT cell of every OMEMO table, as bytes. */
function rawCells(db: Database): Buffer[] {
  const tables = ['omemo_identity', 'omemo_signed_prekeys', 'omemo_prekeys', 'omemo_sessions', 'omemo_device_identities'];
  return tables.flatMap((table) =>
    (db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).flatMap((row) =>
      Object.values(row).flatMap((cell) => (cell instanceof Uint8Array ? [Buffer.from(cell)] : typeof cell === 'string' ? [Buffer.from(cell)] : [])),
    ),
  );
}

describe('the OMEMO key store', () => {
  it('keeps the identity, signed prekeys (newest first) and one-time prekeys, and gives them back', () => {
    const { keys } = setUp();
    expect(keys.identity()).toBeUndefined();
    const identity = { deviceId: 12345, publicKey: randomBytes(33), privateKey: secret('identity'), createdAt: 1 };
    keys.saveIdentity(identity);
    expect(keys.identity()).toEqual({ ...identity, publicKey: new Uint8Array(identity.publicKey), privateKey: new Uint8Array(identity.privateKey) });
    const older = { keyId: 1, publicKey: randomBytes(33), privateKey: secret('spk1'), signature: randomBytes(64), createdAt: 10 };
    const newer = { keyId: 2, publicKey: randomBytes(33), privateKey: secret('spk2'), signature: randomBytes(64), createdAt: 20 };
    keys.putSignedPreKey(older);
    keys.putSignedPreKey(newer);
    expect(keys.signedPreKeys().map((key) => key.keyId)).toEqual([2, 1]);
    expect(Buffer.from(keys.signedPreKey(1)!.privateKey)).toEqual(older.privateKey);
    keys.removeSignedPreKey(1);
    expect(keys.signedPreKey(1)).toBeUndefined();
    keys.putPreKeys([3, 1, 2].map((keyId) => ({ keyId, publicKey: randomBytes(33), privateKey: secret(`pk${keyId}`) })));
    expect(keys.preKeyIds()).toEqual([1, 2, 3]);
    expect(keys.lastPreKeyId()).toBe(3);
    keys.removePreKey(3);
    expect(keys.preKey(3)).toBeUndefined();
    expect(keys.lastPreKeyId()).toBe(3);
  });

  it('keeps sessions per device, and contacts’ identity keys with the trust given to them', () => {
    const { keys } = setUp();
    keys.putSession('bob@example.com', 7, '{"session":"one"}');
    keys.putSession('bob@example.com', 8, '{"session":"two"}');
    expect(keys.session('bob@example.com', 7)).toBe('{"session":"one"}');
    keys.removeSession('bob@example.com', 7);
    expect(keys.session('bob@example.com', 7)).toBeUndefined();
    expect(keys.session('bob@example.com', 8)).toBe('{"session":"two"}');
    // OMEMO 2 sessions beside, for the same device: neither version's overwrites the other's.
    keys.putSession2('bob@example.com', 8, '{"omemo2":"two"}');
    expect(keys.session2('bob@example.com', 8)).toBe('{"omemo2":"two"}');
    expect(keys.session('bob@example.com', 8)).toBe('{"session":"two"}');
    expect(keys.session2('bob@example.com', 7)).toBeUndefined();

    const first = randomBytes(33);
    expect(keys.putDeviceIdentity('bob@example.com', 7, first, 100)).toBe('new');
    keys.setTrust('bob@example.com', 7, 'verified');
    expect(keys.putDeviceIdentity('bob@example.com', 7, first, 200)).toBe('same');
    expect(keys.deviceIdentity('bob@example.com', 7)).toMatchObject({ trust: 'verified', firstSeen: 100 });
    expect(keys.putDeviceIdentity('bob@example.com', 7, randomBytes(33), 300)).toBe('changed');
    expect(keys.deviceIdentities('bob@example.com')).toMatchObject([{ deviceId: 7, trust: 'undecided', firstSeen: 300 }]);
  });

  it('remembers when a message from a device was last decrypted, never going back in time', () => {
    const { keys } = setUp();
    keys.putDeviceIdentity('bob@example.com', 7, randomBytes(33), 100);
    expect(keys.deviceIdentity('bob@example.com', 7)?.lastSeen).toBeUndefined();
    keys.sawDevice('bob@example.com', 7, 500);
    keys.sawDevice('bob@example.com', 7, 400);
    expect(keys.deviceIdentity('bob@example.com', 7)?.lastSeen).toBe(500);
    keys.sawDevice('bob@example.com', 8, 600);
    expect(keys.deviceIdentities('bob@example.com').map((device) => device.deviceId)).toEqual([7]);
  });

  it('never writes a private key or a session record in clear', () => {
    const { db, keys } = setUp();
    const privates = [secret('identity'), secret('spk'), secret('pk')];
    const record = `{"rootKey":"${randomBytes(16).toString('base64')}"}`;
    keys.saveIdentity({ deviceId: 1, publicKey: randomBytes(33), privateKey: privates[0], createdAt: 1 });
    keys.putSignedPreKey({ keyId: 1, publicKey: randomBytes(33), privateKey: privates[1], signature: randomBytes(64), createdAt: 1 });
    keys.putPreKeys([{ keyId: 1, publicKey: randomBytes(33), privateKey: privates[2] }]);
    keys.putSession('bob@example.com', 7, record);
    keys.putSession2('bob@example.com', 7, record);
    const cells = rawCells(db);
    expect(cells.length).toBeGreaterThan(8);
    for (const needle of [...privates, Buffer.from(record), Buffer.from('PRIVATE-'), Buffer.from('rootKey')]) {
      expect(cells.some((cell) => cell.includes(needle))).toBe(false);
    }
  });

  it('refuses to open with another key, or a sealed value moved to another row', () => {
    const { db, keys } = setUp();
    keys.putPreKeys([1, 2].map((keyId) => ({ keyId, publicKey: randomBytes(33), privateKey: secret(`pk${keyId}`) })));
    expect(() => createOmemoKeyStore(db, 'a1', createKeySealer(randomBytes(32))).preKey(1)).toThrow();
    db.exec("UPDATE omemo_prekeys SET sealed_private_key = (SELECT sealed_private_key FROM omemo_prekeys WHERE key_id = 2) WHERE key_id = 1");
    expect(() => keys.preKey(1)).toThrow();
    expect(keys.preKey(2)).toBeDefined();
  });

  it('keeps the dismissed new-device banners per contact and device across a reopening, and forgets them with the account', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'causette-omemo-')), 'profile.sqlite');
    const { db, accounts, key, keys } = setUp(openDatabase(file));
    accounts.insert({ id: 'a2', jid: 'alice@other.example', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
    keys.dismissBanner('bob@example.com', 8, 100);
    keys.dismissBanner('bob@example.com', 8, 200);
    keys.dismissBanner('bob@example.com', 3, 300);
    keys.dismissBanner('carol@example.com', 9, 300);
    db.close();
    const reopened = openDatabase(file);
    expect(createOmemoKeyStore(reopened, 'a1', createKeySealer(key)).dismissedBanners('bob@example.com')).toEqual([3, 8]);
    expect(createOmemoKeyStore(reopened, 'a1', createKeySealer(key)).dismissedBanners('dave@example.com')).toEqual([]);
    expect(createOmemoKeyStore(reopened, 'a2', createKeySealer(key)).dismissedBanners('bob@example.com')).toEqual([]);
    createAccountStore(reopened).remove('a1');
    expect(createOmemoKeyStore(reopened, 'a1', createKeySealer(key)).dismissedBanners('bob@example.com')).toEqual([]);
  });

  it('forgets the keys with the account, and reopens them from the file with the same store key', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'causette-omemo-')), 'profile.sqlite');
    const { db, key, keys } = setUp(openDatabase(file));
    keys.saveIdentity({ deviceId: 99, publicKey: randomBytes(33), privateKey: secret('identity'), createdAt: 1 });
    db.close();
    const reopened = openDatabase(file);
    expect(createOmemoKeyStore(reopened, 'a1', createKeySealer(key)).identity()?.deviceId).toBe(99);
    createAccountStore(reopened).remove('a1');
    expect(createOmemoKeyStore(reopened, 'a1', createKeySealer(key)).identity()).toBeUndefined();
  });
});

describe('the OMEMO store key in the secret box', () => {
  it('is made once per account, kept in the secret box and read back the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'causette-omemo-key-'));
    const box = createFileSecretBox(join(dir, 'secrets.json'), plainSealer);
    const key = await loadStoreKey(box, 'a1');
    expect(key).toHaveLength(32);
    expect(await loadStoreKey(box, 'a1')).toEqual(key);
    expect(await loadStoreKey(box, 'a2')).not.toEqual(key);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toHaveProperty([secretBoxEntry('a1')], key.toString('base64'));
  });

  it('refuses a damaged key rather than making a new one over it', async () => {
    const box = createFileSecretBox(join(mkdtempSync(join(tmpdir(), 'causette-omemo-key-')), 'secrets.json'), plainSealer);
    await box.set(secretBoxEntry('a1'), 'c2hvcnQ=');
    await expect(loadStoreKey(box, 'a1')).rejects.toThrow('damaged');
  });
});
