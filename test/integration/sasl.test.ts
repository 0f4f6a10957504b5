// SCRAM-*-PLUS and downgrade protection against real Prosody 0.12 servers: the server checks our channel binding itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Account, ConnectionState } from '../../shared/model/account.ts';
import type { Core } from '../../electron/core/core-api.ts';
import { createCore } from '../../electron/core/core.ts';
import { createFileSecretBox, plainSealer } from '../../electron/core/secrets/secret-box.ts';
import { createConnection, type Connection, type ConnectionOptions } from '../../electron/core/xmpp/connection.ts';
import type { SaslMemory } from '../../electron/core/xmpp/sasl/downgrade.ts';
import { startProsody, type ProsodyOptions, type ProsodyServer } from '../server/prosody.ts';
import { startSwitchableProxy, type SwitchableProxy } from '../server/switchable-proxy.ts';
import { recordingLogger, waitForState } from '../support/connection.ts';

const pluginDir = fileURLToPath(new URL('../server/prosody', import.meta.url));
/** Prosody 0.12 binds only tls-unique on TLS 1.2; the harness module adds these types and announces them (XEP-0440). */
const withBindings = (types: readonly string[]): ProsodyOptions => ({
  pluginPaths: [pluginDir],
  extraConfig: `VirtualHost "localhost"\n  modules_enabled = { "causette_channel_binding" }\n  causette_channel_binding_types = { ${types.map((type) => `"${type}"`).join(', ')} }\n`,
});

const servers: ProsodyServer[] = [];
async function server(options: ProsodyOptions): Promise<ProsodyServer> {
  const started = await startProsody({ users: [{ username: 'alice', password: 'alice-pw' }], ...options });
  servers.push(started);
  return started;
}
afterAll(() => Promise.all(servers.splice(0).map((started) => started.dispose())));

const connections: Connection[] = [];
afterEach(() => Promise.all(connections.splice(0).map((connection) => connection.stop())));

function alice(target: ProsodyServer, overrides: Partial<ConnectionOptions> = {}) {
  const log = recordingLogger();
  const remembered: SaslMemory[] = [];
  const connection = createConnection({
    account: 'test',
    jid: 'alice@localhost',
    password: 'alice-pw',
    host: target.host,
    port: target.c2sPort,
    tls: 'starttls',
    extraCa: [target.caPem],
    pinned: [],
    logger: log.logger,
    retry: { baseMs: 100, capMs: 400 },
    onAuthenticated: (memory) => remembered.push(memory),
    ...overrides,
  });
  connections.push(connection);
  connection.start();
  return { connection, remembered, ...log };
}

/** The first state that is online or carries a reason: 'offline' means given up, 'reconnecting' would mean a retry. */
const stopped = (connection: Connection) => waitForState(connection, (state) => state.status === 'online' || ('reason' in state && state.reason !== undefined));
/** Online, or fails at once with the reason the sign-in did not get there. */
async function online(connection: Connection): Promise<void> {
  const state = await waitForState(connection, (s) => s.status === 'online' || ('reason' in s && s.reason !== undefined));
  expect(state).toMatchObject({ status: 'online' });
}
const authLine = (stanzas: string[]) => stanzas.find((line) => line.startsWith('out <auth'));
const authenticating = (lines: string[]) => lines.filter((line) => line.startsWith('authenticating ')).map((line) => JSON.parse(line.slice(15)) as unknown);

describe('SCRAM with channel binding against Prosody 0.12', () => {
  let tls12: ProsodyServer;
  let exporter: ProsodyServer;
  let endPoint: ProsodyServer;
  let plain: ProsodyServer;
  beforeAll(async () => {
    [tls12, exporter, endPoint, plain] = await Promise.all([
      server({ tlsMax: '1.2' }),
      server({ passwordHash: 'SHA-256', ...withBindings(['tls-exporter', 'tls-server-end-point']) }),
      server({ tlsMax: '1.2', ...withBindings(['tls-server-end-point']) }),
      server({}),
    ]);
  });

  it('signs in with SCRAM-SHA-1-PLUS bound with tls-unique where TLS 1.2 offers it and nothing is announced', async () => {
    const { connection, stanzas, lines, remembered } = alice(tls12);
    await online(connection);
    expect(stanzas.find((line) => line.startsWith('in <stream:features>') && line.includes('<mechanisms'))).toContain('SCRAM-SHA-1-PLUS');
    expect(authLine(stanzas)).toContain('mechanism="SCRAM-SHA-1-PLUS"');
    expect(authenticating(lines)).toEqual([{ mechanism: 'SCRAM-SHA-1-PLUS', channelBinding: 'tls-unique' }]);
    expect(remembered).toEqual([{ mechanism: 'SCRAM-SHA-1-PLUS', plusOffered: true }]);
  });

  it('signs in with SCRAM-SHA-256-PLUS bound with tls-exporter over TLS 1.3, as announced (XEP-0440)', async () => {
    const { connection, stanzas, lines, remembered } = alice(exporter);
    await online(connection);
    expect(stanzas.find((line) => line.includes('<sasl-channel-binding'))).toContain('tls-exporter');
    expect(authLine(stanzas)).toContain('mechanism="SCRAM-SHA-256-PLUS"');
    expect(authenticating(lines)).toEqual([{ mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' }]);
    expect(remembered).toEqual([{ mechanism: 'SCRAM-SHA-256-PLUS', plusOffered: true }]);
  });

  it('signs in over Direct TLS with tls-exporter too', async () => {
    const { connection, lines } = alice(exporter, { port: exporter.directTlsPort, tls: 'direct' });
    await online(connection);
    expect(authenticating(lines)).toEqual([{ mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' }]);
  });

  it('binds with tls-server-end-point when that is the only type announced on TLS 1.2', async () => {
    const { connection, lines } = alice(endPoint);
    await online(connection);
    expect(authenticating(lines)).toEqual([{ mechanism: 'SCRAM-SHA-1-PLUS', channelBinding: 'tls-server-end-point' }]);
  });

  it('says "y" (could bind, none offered) to a TLS 1.3 server without -PLUS, which accepts it', async () => {
    const { connection, stanzas, lines, remembered } = alice(plain);
    await online(connection);
    expect(authLine(stanzas)).toContain('mechanism="SCRAM-SHA-1"');
    expect(authenticating(lines)).toEqual([{ mechanism: 'SCRAM-SHA-1', channelBinding: 'y' }]);
    expect(remembered).toEqual([{ mechanism: 'SCRAM-SHA-1', plusOffered: false }]);
  });

  it('stays signed in when what it used cannot be stored, and says so in the log', async () => {
    const { connection, lines } = alice(plain, {
      onAuthenticated: () => {
        throw new Error('disk full');
      },
    });
    await online(connection);
    expect(lines).toContain('could not remember the sign-in mechanism {"error":"Error: disk full"}');
  });
});

describe('downgrade protection', () => {
  let tls12: ProsodyServer;
  let tls13: ProsodyServer;
  let plainOnly: ProsodyServer;
  beforeAll(async () => {
    [tls12, tls13, plainOnly] = await Promise.all([
      server({ tlsMax: '1.2' }),
      server({}),
      server({ extraConfig: 'VirtualHost "localhost"\n  disable_sasl_mechanisms = { "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS" }\n' }),
    ]);
  });

  async function refused(connection: Connection, stanzas: string[]): Promise<ConnectionState> {
    const state = await stopped(connection);
    expect(state).toMatchObject({ status: 'offline', reason: { code: 'sasl-downgrade' } });
    expect(authLine(stanzas)).toBeUndefined();
    return state;
  }

  it('refuses a server that offers no -PLUS any more after a sign-in where it did, without sending the password', async () => {
    const first = alice(tls12);
    await online(first.connection);
    const [memory] = first.remembered;
    expect(memory).toEqual({ mechanism: 'SCRAM-SHA-1-PLUS', plusOffered: true });
    // The same account and password, now answered by a server whose offer lacks -PLUS (as a stripping attacker's would).
    const second = alice(tls13, { ...(memory ? { saslMemory: memory } : {}) });
    const state = await refused(second.connection, second.stanzas);
    expect(state.status === 'offline' && state.reason?.message).toMatch(
      /^The server localhost now offers a weaker sign-in than before \(SCRAM without channel binding, where it offered SCRAM-PLUS\)\..*remove this account and add it again\.$/,
    );
    expect(second.remembered).toEqual([]);
  });

  it('refuses a server that offers only PLAIN after a SCRAM sign-in', async () => {
    const { connection, stanzas, lines } = alice(plainOnly, { saslMemory: { mechanism: 'SCRAM-SHA-1', plusOffered: false } });
    const state = await refused(connection, stanzas);
    expect(state.status === 'offline' && state.reason?.message).toMatch(/only a clear-text password, where it offered SCRAM/);
    expect(lines.filter((line) => line.startsWith('authenticating'))).toEqual([]);
  });

  it('signs in with PLAIN to that server for an account with no SCRAM sign-in remembered', async () => {
    const { connection, stanzas, remembered } = alice(plainOnly);
    await online(connection);
    expect(authLine(stanzas)).toContain('mechanism="PLAIN"');
    expect(remembered).toEqual([{ mechanism: 'PLAIN', plusOffered: false }]);
  });
});

async function accountState(core: Core, accountId: string, done: (account: Account) => boolean): Promise<Account> {
  for (let tries = 0; tries < 300; tries += 1) {
    const account = (await core.handlers['app.snapshot']({})).accounts.find((candidate) => candidate.id === accountId);
    if (account && done(account)) return account;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`account ${accountId} never reached the awaited state`);
}
const settled = (account: Account) => account.connection.status === 'online' || (account.connection.status === 'offline' && account.connection.reason !== undefined);

describe('an address that stops offering -PLUS', () => {
  let tls12: ProsodyServer;
  let tls13: ProsodyServer;
  let proxy: SwitchableProxy;
  const profile = mkdtempSync(join(tmpdir(), 'causette-sasl-'));
  const cores: Core[] = [];
  beforeAll(async () => {
    [tls12, tls13] = await Promise.all([server({ tlsMax: '1.2' }), server({})]);
    proxy = await startSwitchableProxy(tls12.c2sPort);
  });
  afterAll(async () => {
    await Promise.all(cores.map((core) => core.close()));
    await proxy.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const openCore = async () => {
    const core = await createCore({ profileDir: profile, secrets: createFileSecretBox(join(profile, 'passwords.json'), plainSealer), version: 'test', extraCa: [tls12.caPem, tls13.caPem] });
    cores.push(core);
    return core;
  };

  it('refuses the same address once it stops offering -PLUS, until the account is removed and added again', async () => {
    const add = { jid: 'alice@localhost', password: 'alice-pw', remember: true, host: '127.0.0.1', port: proxy.port, tls: 'starttls' as const };
    const first = await openCore();
    const { id } = await first.handlers['account.add'](add);
    expect((await accountState(first, id, settled)).connection.status).toBe('online');
    await first.close();
    cores.splice(cores.indexOf(first), 1);

    proxy.target(tls13.c2sPort);
    proxy.cutAll();
    const second = await openCore();
    const refused = await accountState(second, id, settled);
    expect(refused.connection).toMatchObject({ status: 'offline', reason: { code: 'sasl-downgrade' } });

    await second.handlers['account.remove']({ accountId: id, deleteHistory: false, forgetPassword: true });
    const readded = await second.handlers['account.add'](add);
    expect((await accountState(second, readded.id, settled)).connection.status).toBe('online');
  });

  it('checks a reconnect of the same run too: the connection remembers its own sign-in', async () => {
    proxy.target(tls12.c2sPort);
    proxy.cutAll();
    const { connection, stanzas } = alice(tls12, { port: proxy.port, extraCa: [tls12.caPem, tls13.caPem] });
    await online(connection);
    proxy.target(tls13.c2sPort);
    proxy.cutAll();
    const state = await waitForState(connection, (s) => s.status === 'offline' || (s.status === 'online' && stanzas.filter((line) => line.startsWith('out <auth')).length > 1));
    expect(state).toMatchObject({ status: 'offline', reason: { code: 'sasl-downgrade' } });
    expect(stanzas.filter((line) => line.startsWith('out <auth'))).toHaveLength(1);
  });
});
