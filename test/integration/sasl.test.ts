// SCRAM-*-PLUS against real Prosody 0.12 servers: the server checks our channel binding itself.
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, type Connection, type ConnectionOptions } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyOptions, type ProsodyServer } from '../server/prosody.ts';
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
    ...overrides,
  });
  connections.push(connection);
  connection.start();
  return { connection, ...log };
}

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
    const { connection, stanzas, lines } = alice(tls12);
    await online(connection);
    expect(stanzas.find((line) => line.startsWith('in <stream:features>') && line.includes('<mechanisms'))).toContain('SCRAM-SHA-1-PLUS');
    expect(authLine(stanzas)).toContain('mechanism="SCRAM-SHA-1-PLUS"');
    expect(authenticating(lines)).toEqual([{ mechanism: 'SCRAM-SHA-1-PLUS', channelBinding: 'tls-unique' }]);
  });

  it('signs in with SCRAM-SHA-256-PLUS bound with tls-exporter over TLS 1.3, as announced (XEP-0440)', async () => {
    const { connection, stanzas, lines } = alice(exporter);
    await online(connection);
    expect(stanzas.find((line) => line.includes('<sasl-channel-binding'))).toContain('tls-exporter');
    expect(authLine(stanzas)).toContain('mechanism="SCRAM-SHA-256-PLUS"');
    expect(authenticating(lines)).toEqual([{ mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' }]);
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
    const { connection, stanzas, lines } = alice(plain);
    await online(connection);
    expect(authLine(stanzas)).toContain('mechanism="SCRAM-SHA-1"');
    expect(authenticating(lines)).toEqual([{ mechanism: 'SCRAM-SHA-1', channelBinding: 'y' }]);
  });
});
