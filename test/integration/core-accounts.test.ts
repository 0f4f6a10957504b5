import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { Account, ConnectionState } from '../../shared/model/account.ts';
import { createCore } from '../../electron/core/core.ts';
import type { Core } from '../../electron/core/core-api.ts';
import { createFileSecretBox, plainSealer } from '../../electron/core/secrets/secret-box.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';

let server: ProsodyServer;
const dirs: string[] = [];
const cores: Core[] = [];

beforeAll(async () => {
  server = await startProsody({ users: [{ username: 'alice', password: 'alice-pass' }], passwordHash: 'SHA-256' });
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await server.dispose();
});

function newProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'causette-core-'));
  dirs.push(dir);
  return dir;
}

async function openCore(profileDir: string, extraCa: readonly string[] = [server.caPem]): Promise<Core & { states: Map<string, ConnectionState[]> }> {
  const core = await createCore({ profileDir, secrets: createFileSecretBox(join(profileDir, 'passwords.json'), plainSealer), version: 'test', extraCa });
  cores.push(core);
  const states = new Map<string, ConnectionState[]>();
  core.onEvent(<K extends EventName>(name: K, payload: EventPayload<K>) => {
    if (name !== 'account.updated') return;
    const account = payload as Account;
    states.set(account.id, [...(states.get(account.id) ?? []), account.connection]);
  });
  return Object.assign(core, { states });
}

async function waitForState(core: Core, accountId: string, status: ConnectionState['status']): Promise<Account> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const snapshot = await core.handlers['app.snapshot']({});
    const account = snapshot.accounts.find((candidate) => candidate.id === accountId);
    if (account?.connection.status === status) return account;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`account ${accountId} did not become ${status}`);
}

const direct = () => ({ host: '127.0.0.1', port: server.c2sPort, tls: 'starttls' as const });

describe('accounts in the core', () => {
  it('signs in, remembers the password in a private file, and signs in again after a restart', async () => {
    const profile = newProfile();
    const core = await openCore(profile);
    const added = await core.handlers['account.add']({ jid: 'alice@localhost', password: 'alice-pass', remember: true, ...direct() });
    const online = await waitForState(core, added.id, 'online');
    expect(online.connection).toMatchObject({ status: 'online', jid: expect.stringMatching(/^alice@localhost\/causette\./) as string });
    expect(core.states.get(added.id)?.[0]?.status).toBe('connecting');
    // Beside the password, the key that seals the account's OMEMO keys (omemo-sealing.ts).
    expect(Object.keys(JSON.parse(readFileSync(join(profile, 'passwords.json'), 'utf8')) as object).sort()).toEqual([added.id, `omemo-store-key:${added.id}`]);
    expect(JSON.parse(readFileSync(join(profile, 'passwords.json'), 'utf8'))).toMatchObject({ [added.id]: 'alice-pass' });
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    const again = await openCore(profile);
    await waitForState(again, added.id, 'online');
  });

  it('refuses a second account with the same address and an address without a name', async () => {
    const core = await openCore(newProfile());
    await core.handlers['account.add']({ jid: 'alice@localhost', password: 'alice-pass', remember: false, ...direct() });
    await expect(core.handlers['account.add']({ jid: 'alice@localhost', password: 'x', remember: false, ...direct() })).rejects.toMatchObject({ code: 'already-exists' });
    await expect(core.handlers['account.add']({ jid: 'localhost', password: 'x', remember: false, ...direct() })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('reports a wrong password, keeps nothing on disk, and signs in when given the right one', async () => {
    const profile = newProfile();
    const core = await openCore(profile);
    const added = await core.handlers['account.add']({ jid: 'alice@localhost', password: 'wrong', remember: false, ...direct() });
    const offline = await waitForState(core, added.id, 'offline');
    expect(offline.connection).toMatchObject({ reason: { code: 'not-authorized' } });
    await expect(core.handlers['account.connect']({ accountId: added.id })).rejects.toMatchObject({ code: 'password-required' });
    await core.handlers['account.connect']({ accountId: added.id, password: 'alice-pass' });
    await waitForState(core, added.id, 'online');
    expect(readFileSync(join(profile, 'causette.sqlite')).includes('alice-pass')).toBe(false);
  });

  it('creates an account on the server, then refuses the same name again without saving it', async () => {
    const core = await openCore(newProfile());
    const created = await core.handlers['account.register']({ jid: 'erin@localhost', password: 'erin-pass', remember: false, ...direct() });
    await waitForState(core, created.id, 'online');
    const other = await openCore(newProfile());
    await expect(other.handlers['account.register']({ jid: 'erin@localhost', password: 'other', remember: false, ...direct() })).rejects.toMatchObject({
      code: 'registration-conflict',
    });
    expect((await other.handlers['app.snapshot']({})).accounts).toEqual([]);
  });

  it('trusts only the certificate that was shown, then signs in', async () => {
    const core = await openCore(newProfile(), []);
    const added = await core.handlers['account.add']({ jid: 'alice@localhost', password: 'alice-pass', remember: false, ...direct() });
    const refused = await waitForState(core, added.id, 'offline');
    expect(refused.connection).toMatchObject({ reason: { code: 'untrusted-certificate', certificate: { fingerprint256: server.fingerprint256 } } });
    const other = server.fingerprint256.replace(/^../, server.fingerprint256.startsWith('00') ? '11' : '00');
    await expect(core.handlers['account.trustCertificate']({ accountId: added.id, fingerprint256: other })).rejects.toMatchObject({ code: 'not-found' });
    const trusted = await core.handlers['account.trustCertificate']({ accountId: added.id, fingerprint256: server.fingerprint256 });
    expect(trusted.pinnedCertificates).toEqual([server.fingerprint256]);
    await waitForState(core, added.id, 'online');
  });

  it('creates an account on a server whose certificate is not trusted once the user trusts that very certificate, and keeps the pin', async () => {
    const profile = newProfile();
    const core = await openCore(profile, []);
    const request = { jid: 'fern@localhost', password: 'fern-pass', remember: true, ...direct() };
    const refused = await core.handlers['account.register'](request).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'untrusted-certificate', certificate: { fingerprint256: server.fingerprint256 } });
    expect((await core.handlers['app.snapshot']({})).accounts).toEqual([]);
    // Only the certificate shown can be trusted.
    const other = server.fingerprint256.replace(/^../, server.fingerprint256.startsWith('00') ? '11' : '00');
    await expect(core.handlers['account.register']({ ...request, trustCertificate: other })).rejects.toMatchObject({ code: 'not-found' });

    const created = await core.handlers['account.register']({ ...request, trustCertificate: server.fingerprint256 });
    expect(created.pinnedCertificates).toEqual([server.fingerprint256]);
    expect((await waitForState(core, created.id, 'online')).connection).toMatchObject({ jid: expect.stringMatching(/^fern@localhost\//) as string });
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    const again = await openCore(profile, []);
    await waitForState(again, created.id, 'online');
  });

  it('disconnects, stays offline across a restart, and removes the account with its password', async () => {
    const profile = newProfile();
    const core = await openCore(profile);
    const added = await core.handlers['account.add']({ jid: 'alice@localhost', password: 'alice-pass', remember: true, ...direct() });
    await waitForState(core, added.id, 'online');
    expect((await core.handlers['account.disconnect']({ accountId: added.id })).connection).toEqual({ status: 'offline' });
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const again = await openCore(profile);
    expect((await again.handlers['app.snapshot']({})).accounts[0]?.connection).toEqual({ status: 'offline' });
    await expect(again.handlers['account.remove']({ accountId: added.id, deleteHistory: true, forgetPassword: true })).resolves.toBeNull();
    expect(JSON.parse(readFileSync(join(profile, 'passwords.json'), 'utf8'))).toEqual({});
    expect((await again.handlers['app.snapshot']({})).accounts).toEqual([]);
  });
});
