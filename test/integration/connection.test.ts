// Signing in against a real Prosody: TLS modes, SASL choice and the failures a user can meet.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, type Connection, type ConnectionOptions } from '../../electron/core/xmpp/connection.ts';
import { freePorts } from '../server/ports.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { recordingLogger, waitForState, withDeadline } from '../support/connection.ts';



const connections: Connection[] = [];
function connect(options: Partial<ConnectionOptions> & Pick<ConnectionOptions, 'jid' | 'password' | 'logger'>): Connection {
  const connection = createConnection({ account: 'test', tls: 'starttls', extraCa: [], pinned: [], retry: { baseMs: 100, capMs: 400 }, ...options });
  connections.push(connection);
  connection.start();
  return connection;
}
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.stop()));
});

describe('signing in to a CA-signed server', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ users: [{ username: 'alice', password: 'alice-pw' }] });
  });
  afterAll(() => server.dispose());

  const alice = (overrides: Partial<ConnectionOptions> = {}) => {
    const log = recordingLogger();
    const base = { jid: 'alice@localhost', password: 'alice-pw', host: server.host, port: server.c2sPort, extraCa: [server.caPem], logger: log.logger };
    return { connection: connect({ ...base, ...overrides }), ...log };
  };

  it('signs in over STARTTLS with the CA given to this connection, using SCRAM-SHA-1 as offered', async () => {
    const { connection, stanzas } = alice();
    const state = await waitForState(connection, (s) => s.status === 'online');
    expect(state).toMatchObject({ status: 'online', resumed: false });
    expect(state.status === 'online' && state.jid).toMatch(/^alice@localhost\/causette\.[0-9a-f]{8}$/);
    expect(stanzas.some((line) => line.startsWith('out <starttls'))).toBe(true);
    expect(stanzas.find((line) => line.startsWith('out <auth'))).toContain('mechanism="SCRAM-SHA-1"');
  });

  it('signs in over Direct TLS (XEP-0368)', async () => {
    const { connection, stanzas } = alice({ port: server.directTlsPort, tls: 'direct', resource: 'direct' });
    expect(await waitForState(connection, (s) => s.status === 'online')).toMatchObject({ jid: 'alice@localhost/direct' });
    expect(stanzas.some((line) => line.includes('<starttls'))).toBe(false);
  });

  it('never logs the password or SASL payloads', async () => {
    const { connection, stanzas, lines } = alice();
    await waitForState(connection, (s) => s.status === 'online');
    const everything = [...stanzas, ...lines].join('\n');
    expect(everything).not.toContain('alice-pw');
    const sasl = stanzas.filter((l) => /<(auth|response|challenge|success) /.test(l));
    // RFC 5802 §5: SCRAM makes all four; each payload is redacted.
    expect(sasl.map((line) => /^(in|out) <(\w+)/.exec(line)?.slice(1, 3).join(' '))).toEqual(['out auth', 'in challenge', 'out response', 'in success']);
    for (const line of sasl) expect(line).toMatch(/>(\[redacted\])?<\//);
  });

  it('answers iq requests and delivers stanzas to listeners', async () => {
    const { connection } = alice();
    await waitForState(connection, (s) => s.status === 'online');
    const { default: xml } = await import('@xmpp/xml');
    const reply = await connection.iq(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(reply.attrs.type).toBe('result');
    const echoed = new Promise((resolve) => connection.onStanza((stanza) => stanza.name === 'message' && resolve(stanza.getChildText('body'))));
    const me = connection.state.status === 'online' ? connection.state.jid : '';
    await connection.send(xml('message', { to: me, type: 'chat' }, xml('body', {}, 'note to self')));
    expect(await withDeadline(echoed, 'the message to self coming back')).toBe('note to self');
  });

  it('stops on a wrong password, with a clear reason and no retry', async () => {
    const { connection, lines } = alice({ password: 'wrong' });
    const seen: string[] = [];
    connection.onState((next) => void seen.push(next.status));
    const state = await waitForState(connection, (s) => s.status === 'offline' && s.reason !== undefined);
    expect(state).toMatchObject({ status: 'offline', reason: { code: 'not-authorized' } });
    expect(state.status === 'offline' && state.reason?.message).toBe('Wrong password for alice@localhost, or no such account on localhost.');
    // Retrying is decided when the failure comes, and announced first: 'reconnecting' would come before 'offline'.
    expect(seen).not.toContain('reconnecting');
    expect(lines.some((line) => line.startsWith('giving up'))).toBe(true);
    expect(connection.state).toBe(state);
    expect(lines.filter((line) => line.startsWith('authenticating'))).toHaveLength(1);
  });

  it('goes offline without a reason on stop(), and refuses to send afterwards', async () => {
    const { connection } = alice();
    await waitForState(connection, (s) => s.status === 'online');
    await connection.stop();
    expect(connection.state).toEqual({ status: 'offline' });
    const { default: xml } = await import('@xmpp/xml');
    await expect(connection.send(xml('presence'))).rejects.toMatchObject({ code: 'stream-error' });
  });

  it('stops, without resuming, when another client takes over the same resource', async () => {
    const first = alice({ resource: 'shared' }).connection;
    await waitForState(first, (s) => s.status === 'online');
    const second = alice({ resource: 'shared' }).connection;
    const state = await waitForState(first, (s) => s.status === 'offline' && s.reason !== undefined);
    expect(state).toMatchObject({ reason: { code: 'conflict' } });
    expect(state.status === 'offline' && state.reason?.message).toMatch(/^Another client signed in with the same resource/);
    expect(await waitForState(second, (s) => s.status === 'online')).toMatchObject({ jid: 'alice@localhost/shared' });
  });

  it('keeps retrying a refused connection, naming the address', async () => {
    const [closedPort = 1] = await freePorts(1);
    const { connection } = alice({ port: closedPort });
    const state = await waitForState(connection, (s) => s.status === 'reconnecting' && s.attempt >= 2);
    expect(state).toMatchObject({ reason: { code: 'connection-refused', message: `The server for localhost refused the connection on 127.0.0.1:${closedPort}` } });
  });
});

describe('a first sign-in (the account never signed in)', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ users: [{ username: 'alice', password: 'alice-pw' }] });
  });
  afterAll(() => server.dispose());

  it('gives up on the first failure, so that what was typed can be corrected', async () => {
    const [closedPort = 1] = await freePorts(1);
    const connection = connect({ jid: 'alice@localhost', password: 'alice-pw', host: server.host, port: closedPort, extraCa: [server.caPem], logger: recordingLogger().logger, firstSignIn: true });
    const state = await waitForState(connection, (s) => s.status === 'offline' || s.status === 'reconnecting');
    expect(state).toMatchObject({ status: 'offline', reason: { code: 'connection-refused' } });
  });

  it('retries as usual once it has had a session', async () => {
    const connection = connect({ jid: 'alice@localhost', password: 'alice-pw', host: server.host, port: server.c2sPort, extraCa: [server.caPem], logger: recordingLogger().logger, firstSignIn: true });
    await waitForState(connection, (s) => s.status === 'online');
    await server.kill();
    try {
      expect(await waitForState(connection, (s) => s.status === 'offline' || s.status === 'reconnecting')).toMatchObject({ status: 'reconnecting' });
    } finally {
      await server.start();
    }
    await waitForState(connection, (s) => s.status === 'online', 20_000);
  });
});

describe('a server that offers SCRAM-SHA-256', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ passwordHash: 'SHA-256', users: [{ username: 'alice', password: 'alice-pw' }] });
  });
  afterAll(() => server.dispose());

  it('is signed in to with SCRAM-SHA-256', async () => {
    const { logger, stanzas } = recordingLogger();
    const connection = connect({ jid: 'alice@localhost', password: 'alice-pw', host: server.host, port: server.c2sPort, extraCa: [server.caPem], logger });
    await waitForState(connection, (s) => s.status === 'online');
    expect(stanzas.find((line) => line.startsWith('in <stream:features>') && line.includes('<mechanisms'))).toContain('SCRAM-SHA-256');
    expect(stanzas.find((line) => line.startsWith('out <auth'))).toContain('mechanism="SCRAM-SHA-256"');
  });
});

describe('a server that cannot be found', () => {
  it('reports host-not-found from DNS and keeps trying', async () => {
    const { logger } = recordingLogger();
    const connection = connect({ jid: 'alice@nowhere.invalid', password: 'x', tls: 'auto', logger });
    const state = await waitForState(connection, (s) => s.status === 'reconnecting');
    expect(state).toMatchObject({ attempt: 1, reason: { code: 'host-not-found', message: 'Could not find the server for nowhere.invalid (DNS)' } });
  });
});
