// Certificates a user has to decide about: refused with what they need to check, accepted once pinned, refused when changed.
import { X509Certificate } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/log/logger.ts';
import { createConnection, type Connection, type ConnectionOptions } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { waitForState } from '../support/connection.ts';

const lines: string[] = [];
const logger: Logger = {
  debug: () => undefined,
  info: (message) => void lines.push(message),
  warn: () => undefined,
  error: () => undefined,
  stanza: () => undefined,
  child: () => logger,
};


const connections: Connection[] = [];
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.stop()));
  lines.length = 0;
});

function alice(server: ProsodyServer, overrides: Partial<ConnectionOptions> = {}): Connection {
  const connection = createConnection({
    account: 'test',
    jid: 'alice@localhost',
    password: 'alice-pw',
    host: server.host,
    port: server.c2sPort,
    tls: 'starttls',
    extraCa: [server.caPem],
    pinned: [],
    logger,
    retry: { baseMs: 100, capMs: 400 },
    ...overrides,
  });
  connections.push(connection);
  connection.start();
  return connection;
}

const online = (connection: Connection) => waitForState(connection, (state) => state.status === 'online');
const stopped = (connection: Connection) => waitForState(connection, (state) => state.status === 'offline' && state.reason !== undefined);

describe('a server with a self-signed certificate', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ certificate: 'self-signed', users: [{ username: 'alice', password: 'alice-pw' }] });
  });
  afterAll(() => server.dispose());

  it.each(['starttls', 'direct'] as const)('is refused over %s, with the fingerprint the user has to check', async (tls) => {
    const connection = alice(server, { tls, port: tls === 'direct' ? server.directTlsPort : server.c2sPort });
    const state = await stopped(connection);
    expect(state).toMatchObject({
      status: 'offline',
      reason: { code: 'untrusted-certificate', certificate: { fingerprint256: server.fingerprint256, problem: 'self-signed certificate' } },
    });
    expect(state.status === 'offline' && state.reason?.certificate?.subject).toContain('CN=localhost');
    expect(state.status === 'offline' && state.reason?.message).toBe('The certificate of localhost is not trusted (self-signed certificate).');
    const refused = connection.lastRefusedCertificate;
    expect(refused?.fingerprint256).toBe(server.fingerprint256);
    expect(new X509Certificate(refused?.pem ?? '').fingerprint256).toBe(server.fingerprint256);
  });

  it('is accepted once its fingerprint is pinned, for that connection only', async () => {
    expect(await online(alice(server, { pinned: [server.fingerprint256] }))).toMatchObject({ status: 'online' });
    expect(await online(alice(server, { pinned: [server.fingerprint256.toLowerCase()], tls: 'direct', port: server.directTlsPort }))).toMatchObject({ status: 'online' });
    expect(await stopped(alice(server))).toMatchObject({ reason: { code: 'untrusted-certificate' } });
  });

  it('is accepted in one pass when the pin comes with its PEM', async () => {
    await online(alice(server, { pinned: [{ fingerprint256: server.fingerprint256, pem: server.certificatePem }] }));
    expect(lines.filter((line) => line === 'endpoint failed')).toEqual([]);
  });

  it('ignores a PEM that does not match the pinned fingerprint', async () => {
    const otherFingerprint = server.fingerprint256.replace(/^../, server.fingerprint256.startsWith('00') ? '11' : '00');
    const state = await stopped(alice(server, { pinned: [{ fingerprint256: otherFingerprint, pem: server.certificatePem }] }));
    expect(state).toMatchObject({ reason: { code: 'untrusted-certificate' } });
  });

  it('is refused again when the server presents a different certificate', async () => {
    const pinned = server.fingerprint256;
    await server.replaceCertificate('self-signed');
    expect(server.fingerprint256).not.toBe(pinned);
    const state = await stopped(alice(server, { pinned: [pinned] }));
    expect(state).toMatchObject({ reason: { code: 'untrusted-certificate', certificate: { fingerprint256: server.fingerprint256 } } });
  });
});

describe('a CA-signed server whose authority is not given', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ users: [{ username: 'alice', password: 'alice-pw' }] });
  });
  afterAll(() => server.dispose());

  it('is refused as issued by an unknown authority, and accepted with the authority', async () => {
    expect(await stopped(alice(server, { extraCa: [] }))).toMatchObject({
      reason: { code: 'untrusted-certificate', certificate: { fingerprint256: server.fingerprint256, problem: 'issued by an unknown authority' } },
    });
    await online(alice(server));
  });
});
