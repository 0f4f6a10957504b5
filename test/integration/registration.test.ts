// In-band registration (XEP-0077) against a real Prosody: create, refuse a taken name, respect a closed server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/model/account.ts';
import type { Logger } from '../../electron/core/log/logger.ts';
import { createConnection, type Connection } from '../../electron/core/xmpp/connection.ts';
import { registerAccount, type RegistrationOptions } from '../../electron/core/xmpp/register.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';

const stanzas: string[] = [];
const logger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  stanza: (direction, _account, xml) => void stanzas.push(`${direction} ${xml}`),
  child: () => logger,
};

function register(server: ProsodyServer, jid: string, password: string, overrides: Partial<RegistrationOptions> = {}): Promise<void> {
  return registerAccount({ jid, password, host: server.host, port: server.c2sPort, tls: 'starttls', extraCa: [server.caPem], pinned: [], logger, ...overrides });
}

function online(connection: Connection): Promise<ConnectionState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`state still ${JSON.stringify(connection.state)}`)), 15_000);
    connection.onState((state) => {
      if (state.status === 'online' || (state.status === 'offline' && state.reason)) {
        clearTimeout(timer);
        resolve(state);
      }
    });
  });
}

describe('a server open to registration', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ allowRegistration: true, users: [{ username: 'alice', password: 'alice-pw' }] });
  });
  afterAll(() => server.dispose());

  /** Signs in as the account with a fresh connection, and says how far it got. */
  async function signIn(jid: string, password: string, transport: { port: number; tls: 'starttls' | 'direct' }): Promise<ConnectionState> {
    const connection = createConnection({ account: jid, jid, password, host: server.host, ...transport, extraCa: [server.caPem], pinned: [], logger });
    const state = online(connection);
    connection.start();
    try {
      return await state;
    } finally {
      await connection.stop();
    }
  }

  it('creates the account, which can then sign in', async () => {
    await register(server, 'carol@localhost', 'carol-pw');
    expect(await signIn('carol@localhost', 'carol-pw', { port: server.c2sPort, tls: 'starttls' })).toMatchObject({ status: 'online' });
    expect(stanzas.join('\n')).not.toContain('carol-pw');
    expect(stanzas.some((line) => line.includes('<password>[redacted]</password>'))).toBe(true);
  });

  it('registers over Direct TLS too, and the new account signs in', async () => {
    await register(server, 'dave@localhost', 'dave-pw', { port: server.directTlsPort, tls: 'direct' });
    expect(await signIn('dave@localhost', 'dave-pw', { port: server.directTlsPort, tls: 'direct' })).toMatchObject({ status: 'online' });
  });

  it('refuses a name that is taken', async () => {
    await expect(register(server, 'alice@localhost', 'other')).rejects.toMatchObject({
      code: 'registration-conflict',
      message: 'The name alice is already taken on localhost.',
    });
  });

  it('refuses, before connecting, a password SASLprep would not store (RFC 4013 §2.5), and creates nothing', async () => {
    const before = stanzas.length;
    await expect(register(server, 'frank@localhost', 'smile\u{1F600}')).rejects.toMatchObject({
      code: 'invalid-credentials',
      message: expect.stringMatching(/^The password cannot be used to sign in: it contains U\+1F600, .*Choose one without that character\.$/) as unknown,
    });
    expect(stanzas.length).toBe(before);
    // The name is still free: a registration with a usable password takes it.
    await register(server, 'frank@localhost', 'frank-pw');
  });

  it('applies the same certificate rules as signing in', async () => {
    await expect(register(server, 'erin@localhost', 'erin-pw', { extraCa: [] })).rejects.toMatchObject({
      code: 'untrusted-certificate',
      certificate: { fingerprint256: server.fingerprint256 },
    });
  });
});

describe('a server closed to registration', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ allowRegistration: false });
  });
  afterAll(() => server.dispose());

  it('is reported as closed', async () => {
    await expect(register(server, 'carol@localhost', 'carol-pw')).rejects.toMatchObject({
      code: 'registration-closed',
      message: 'The server localhost does not allow creating accounts here.',
    });
  });
});
