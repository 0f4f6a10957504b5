import { existsSync } from 'node:fs';
import { createServer, createConnection, type Server, type Socket } from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canConnect } from '../server/ports.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startTcpProxy } from '../server/tcp-proxy.ts';
import * as probe from '../server/xmpp-probe.ts';

type Port = 'starttls' | 'direct';
const trustCa = (server: ProsodyServer) => ({ ca: [server.caPem], servername: server.domain });

function connect(server: ProsodyServer, port: Port, tls: ConnectionOptions = trustCa(server), via?: number): Promise<TLSSocket> {
  if (port === 'direct') return probe.connectDirectTls(via ?? server.directTlsPort, tls);
  return probe.connectStartTls(via ?? server.c2sPort, server.domain, tls);
}

async function tlsError(attempt: Promise<TLSSocket>): Promise<string> {
  return attempt.then(
    (socket) => (socket.destroy(), 'verified'),
    (error: NodeJS.ErrnoException) => error.code ?? error.message,
  );
}

/** Opens a stream on `port` and logs in with PLAIN; resolves with the outcome and, on success, a bound session. */
async function login(server: ProsodyServer, username: string, password: string, port: Port = 'direct', via?: number) {
  const socket = await connect(server, port, trustCa(server), via);
  const reader = new probe.StreamReader(socket);
  const mechanisms = probe.saslMechanisms(await probe.openStream(socket, reader, server.domain));
  const outcome = await probe.authenticatePlain(socket, reader, username, password);
  const session = outcome === 'success' ? await probe.bindResource(socket, reader, server.domain) : undefined;
  return { socket, reader, mechanisms, outcome, session };
}

const unescape = (url = ''): string => url.replace(/&amp;/g, '&');
const attribute = (xml: string, name: string): string | undefined => new RegExp(`\\s${name}=['"]([^'"]*)['"]`).exec(xml)?.[1];

async function loginOutcome(server: ProsodyServer, username: string, password: string, port: Port = 'direct'): Promise<string> {
  const { socket, outcome } = await login(server, username, password, port);
  socket.destroy();
  return outcome;
}

describe('a CA-signed server', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ users: [{ username: 'alice', password: 'alice-pw' }] });
  });
  afterAll(() => server.dispose());

  it.each<Port>(['starttls', 'direct'])('serves on the %s port a certificate that verifies against caPem and is fingerprint256', async (port) => {
    const socket = await connect(server, port);
    expect(socket.authorized).toBe(true);
    expect(socket.getPeerX509Certificate()?.fingerprint256).toBe(server.fingerprint256);
    expect(server.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    socket.destroy();
  });

  it('is not trusted with only the system authorities', async () => {
    expect(await tlsError(connect(server, 'direct', { servername: server.domain }))).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('offers SCRAM-SHA-1 and PLAIN and accepts only the right password', async () => {
    const { socket, mechanisms, outcome } = await login(server, 'alice', 'alice-pw', 'starttls');
    socket.destroy();
    expect(mechanisms).toEqual(expect.arrayContaining(['SCRAM-SHA-1', 'PLAIN']));
    expect(outcome).toBe('success');
    expect(await loginOutcome(server, 'alice', 'wrong')).toBe('not-authorized');
  });

  it('offers resumable stream management for 300 s after login (XEP-0198)', async () => {
    const { socket, reader, session } = await login(server, 'alice', 'alice-pw');
    expect(session?.features).toContain('urn:xmpp:sm:3');
    socket.write("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
    const [enabled = ''] = await reader.waitFor(/<enabled[^>]*>/);
    expect([attribute(enabled, 'resume'), attribute(enabled, 'max')]).toEqual(['true', '300']);
    socket.destroy();
  });

  it('registers accounts in band (XEP-0077), and createUser adds accounts too', async () => {
    const socket = await connect(server, 'direct');
    const reader = new probe.StreamReader(socket);
    expect(await probe.openStream(socket, reader, server.domain)).toContain('http://jabber.org/features/iq-register');
    expect(await probe.registerInBand(socket, reader, 'dave', 'dave-pw')).toBe('result');
    socket.destroy();
    await server.createUser('erin', 'erin-pw');
    expect(await loginOutcome(server, 'dave', 'dave-pw')).toBe('success');
    expect(await loginOutcome(server, 'erin', 'erin-pw')).toBe('success');
  });

  it('hands out upload slots that work over http on httpPort (XEP-0363)', async () => {
    const { socket, reader } = await login(server, 'alice', 'alice-pw');
    const request = "<request xmlns='urn:xmpp:http:upload:0' filename='hello.txt' size='5' content-type='text/plain'/>";
    const slot = await probe.sendIq(socket, reader, 'up1', `<iq type='get' id='up1' to='upload.${server.domain}'>${request}</iq>`);
    socket.destroy();
    const put = /<put url=['"]([^'"]+)['"]>([\s\S]*?)<\/put>/.exec(slot);
    const get = /<get url=['"]([^'"]+)['"]/.exec(slot)?.[1];
    const headers = Object.fromEntries([...(put?.[2] ?? '').matchAll(/<header name=['"]([^'"]+)['"]>([^<]*)</g)].map((h) => [h[1], h[2]]));
    expect(put?.[1]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.httpPort}/`));
    const uploaded = await fetch(unescape(put?.[1]), { method: 'PUT', body: 'hello', headers: { ...headers, 'content-type': 'text/plain' } });
    expect(uploaded.status).toBe(201);
    expect(await (await fetch(unescape(get))).text()).toBe('hello');
  });

  it('advertises its SOCKS5 streamhost on 127.0.0.1:proxy65Port (XEP-0065)', async () => {
    const { socket, reader } = await login(server, 'alice', 'alice-pw');
    const query = "<query xmlns='http://jabber.org/protocol/bytestreams'/>";
    const reply = await probe.sendIq(socket, reader, 'p1', `<iq type='get' id='p1' to='proxy.${server.domain}'>${query}</iq>`);
    socket.destroy();
    const streamhost = /<streamhost[^>]*>/.exec(reply)?.[0] ?? '';
    expect([attribute(streamhost, 'host'), attribute(streamhost, 'port')]).toEqual(['127.0.0.1', String(server.proxy65Port)]);
  });

  it('keeps its ports and accounts across stop() and start(), and recovers from kill()', async () => {
    const firstPid = server.pid;
    await server.stop();
    expect(server.running).toBe(false);
    expect(await canConnect(server.c2sPort)).toBe(false);
    await server.start();
    expect(server.pid).not.toBe(firstPid);
    expect(await loginOutcome(server, 'alice', 'alice-pw', 'starttls')).toBe('success');
    expect(await loginOutcome(server, 'dave', 'dave-pw', 'direct')).toBe('success');
    await server.kill();
    expect(() => process.kill(server.pid, 0)).toThrow();
    await server.start();
    expect(await loginOutcome(server, 'erin', 'erin-pw')).toBe('success');
  });
});

describe('a self-signed server', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ certificate: 'self-signed', passwordHash: 'SHA-256', allowRegistration: false });
  });
  afterAll(async () => {
    const { pid, dataDir } = server;
    await server.dispose();
    expect(existsSync(dataDir)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it.each<Port>(['starttls', 'direct'])('fails verification on the %s port even when trusting caPem', async (port) => {
    expect(await tlsError(connect(server, port))).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('offers SCRAM-SHA-256 with passwordHash SHA-256, and no registration when it is off', async () => {
    const socket = await connect(server, 'direct', { ca: [server.certificatePem], servername: server.domain });
    const features = await probe.openStream(socket, new probe.StreamReader(socket), server.domain);
    socket.destroy();
    expect(probe.saslMechanisms(features)).toContain('SCRAM-SHA-256');
    expect(features).not.toContain('iq-register');
  });

  it('replaceCertificate("ca-signed") restarts with a new certificate that verifies', async () => {
    const old = server.fingerprint256;
    await server.replaceCertificate('ca-signed');
    expect(server.fingerprint256).not.toBe(old);
    const socket = await connect(server, 'direct');
    expect(socket.getPeerX509Certificate()?.fingerprint256).toBe(server.fingerprint256);
    socket.destroy();
  });
});

describe('the TCP proxy', () => {
  let echo: Server;
  const accepted: Socket[] = [];
  beforeAll(async () => {
    echo = createServer((socket) => (accepted.push(socket), socket.on('error', () => undefined).pipe(socket)));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));
  const echoPort = () => (echo.address() as { port: number }).port;

  /** A client of `port` that records what it receives and never throws (a reset is an expected outcome here). */
  function client(port: number) {
    let text = '';
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.on('data', (chunk: Buffer) => (text += chunk.toString())).on('error', () => undefined);
    return { socket, received: () => text };
  }
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return check();
  };

  it('forwards bytes both ways, cuts every pair at once, and refuses new connections while paused', async () => {
    const proxy = await startTcpProxy('127.0.0.1', echoPort());
    const first = client(proxy.port);
    first.socket.write('ping');
    expect(await until(() => first.received() === 'ping')).toBe(true);
    expect(proxy.connections).toBe(1);
    const upstream = accepted.at(-1);
    proxy.cutAll();
    expect(await until(() => first.socket.destroyed && upstream?.destroyed === true)).toBe(true);
    expect(proxy.connections).toBe(0);

    proxy.pause();
    const before = accepted.length;
    const refused = client(proxy.port);
    refused.socket.write('hello?');
    expect(await until(() => refused.socket.destroyed)).toBe(true);
    expect([refused.received(), accepted.length]).toEqual(['', before]);
    proxy.resume();
    const second = client(proxy.port);
    second.socket.write('pong');
    expect(await until(() => second.received() === 'pong')).toBe(true);
    await proxy.close();
    expect(await until(() => second.socket.destroyed)).toBe(true);
    expect(await canConnect(proxy.port)).toBe(false);
  });

  it('carries an XMPP login to Prosody', async () => {
    const server = await startProsody({ users: [{ username: 'bob', password: 'bob-pw' }] });
    const proxy = await startTcpProxy(server.host, server.directTlsPort);
    try {
      const { socket, outcome } = await login(server, 'bob', 'bob-pw', 'direct', proxy.port);
      expect(outcome).toBe('success');
      proxy.cutAll();
      expect(await until(() => socket.destroyed)).toBe(true);
    } finally {
      await proxy.close();
      await server.dispose();
    }
  });
});
