// Jingle File Transfer (XEP-0234) when things go wrong, between two accounts on the harness Prosody, each side composed as
// the core composes it (its iq router, transfer registry, resume store and Jingle module on its own connection), over IBB
// (XEP-0261: two strangers without a proxy), slow enough to act midway: the sender cancels; the receiver's connection is cut
// and it comes back (a new connection and module, the registry and store kept), then asks for the rest (§6.4), which
// starts from the bytes it kept; a sender whose bytes do not match its hash; hostile file names.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection as tcpConnect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/model/transfer.ts';
import { buildDescription, buildFile } from '../../electron/core/jingle/file-stanzas.ts';
import { createResumeStore, setupJingleFileTransfer, type ResumeStore } from '../../electron/core/jingle/file-transfer/index.ts';
import { buildClose, buildData, buildIbbTransport, buildOpen, NS_IBB } from '../../electron/core/jingle/ibb-stanzas.ts';
import { buildJingle, NS_JINGLE } from '../../electron/core/jingle/jingle-stanzas.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createTransfers, type Transfers } from '../../electron/core/transfers/transfers.ts';
import { createConnection, type Connection } from '../../electron/core/xmpp/connection.ts';
import { setupIqRouter } from '../../electron/core/xmpp/iq-router.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, until } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const dirs: string[] = [];
const disposers: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  server = await startProsody();
});
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
  await harness.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => server.dispose());

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'causette-robust-'));
  dirs.push(dir);
  return dir;
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const last = (updates: readonly Transfer[], id: string) => updates.filter((transfer) => transfer.id === id).at(-1);
const ended = (updates: readonly Transfer[], id: string) => {
  const transfer = last(updates, id);
  return transfer && transfer.state !== 'pending' && transfer.state !== 'active' ? transfer : undefined;
};
const fullJid = (connection: Connection) => (connection.state.status === 'online' ? connection.state.jid : '');

/** What the core keeps across sign-ins: the transfers, the interrupted ones, the downloads folder. */
interface Kept {
  readonly transfers: Transfers;
  readonly updates: Transfer[];
  readonly offers: Transfer[];
  readonly resumable: ResumeStore;
  readonly downloads: string;
}

function kept(downloads = tempDir()): Kept {
  const updates: Transfer[] = [];
  return { transfers: createTransfers((transfer) => updates.push(transfer)), updates, offers: [], resumable: createResumeStore(), downloads };
}

/** One sign-in: a connection and the modules on it, as the account session makes them. */
/** `reveal`: direct SOCKS5 candidates on loopback to the peer (as between mutual contacts), always or while it says so. */
function signedIn(connection: Connection, jid: string, state: Kept, options: { reveal?: boolean | (() => boolean) } = {}) {
  const router = setupIqRouter({ connection, logger: silentLogger });
  const jingle = setupJingleFileTransfer({
    accountId: jid,
    connection,
    router,
    transfers: state.transfers,
    resumable: state.resumable,
    logger: silentLogger,
    downloadsDir: () => state.downloads,
    onOffer: (transfer) => state.offers.push(transfer),
    streamhost: () => Promise.resolve(undefined),
    // A sender gone without a word is noticed after this long without bytes.
    stallMs: 3_000,
    ...(options.reveal === undefined || options.reveal === false ? {} : { mayRevealAddresses: options.reveal === true ? () => true : options.reveal, directHosts: () => ['127.0.0.1'] }),
  });
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    jingle.dispose();
    router.dispose();
  };
  disposers.push(dispose);
  return { connection, jid: fullJid(connection), jingle, dispose };
}

/** A TCP relay to the server that can be cut like a broken network: every socket destroyed, no stream closed. */
async function relay(): Promise<{ port: number; cut: () => void }> {
  const sockets = new Set<Socket>();
  const relayServer: Server = createServer((client) => {
    const upstream = tcpConnect(server.c2sPort, server.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relayServer.listen(0, '127.0.0.1', resolve));
  const address = relayServer.address();
  disposers.push(() => void relayServer.close());
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cut: () => {
      relayServer.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

async function connectThrough(jid: string, port: number, resource: string): Promise<Connection> {
  const local = jid.slice(0, jid.indexOf('@'));
  const connection = createConnection({ account: 'relayed', jid, password: `${local}-pw`, resource, host: server.host, port, tls: 'starttls', extraCa: [server.caPem], pinned: [], logger: silentLogger, retry: { baseMs: 60_000, capMs: 60_000 } });
  disposers.push(() => connection.stop());
  connection.start();
  await until(() => connection.state.status === 'online' || undefined, `${jid} online through the relay`);
  return connection;
}

/** Counts the file bytes each IBB stream carries (XEP-0047 data), by sid, as the connection sends them. */
function countIbb(connection: Connection): Map<string, Buffer[]> {
  const streams = new Map<string, Buffer[]>();
  const iq = connection.iq.bind(connection);
  Object.assign(connection, {
    iq: (request: Element, timeoutMs?: number) => {
      const data = request.getChild('data', NS_IBB);
      const sid = data?.attrs.sid;
      if (typeof sid === 'string') streams.set(sid, [...(streams.get(sid) ?? []), Buffer.from(data?.text() ?? '', 'base64')]);
      return iq(request, timeoutMs);
    },
  });
  return streams;
}

/**
 * A file on its way to bob in band; bob's connection is cut through the relay midway, his side ends as interrupted with the
 * bytes kept; he comes back on the same resource (the server drops the broken session) with what the core kept, and alice's
 * side has ended too. `resumedOver` 'direct' lets both give their address for the rest.
 */
async function receiverCut(resumedOver: 'in-band' | 'direct') {
  const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
  const aliceKept = kept();
  const bobKept = kept();
  const aliceConnection = await harness.raw(aliceJid, 'jingle');
  const sentBlocks = countIbb(aliceConnection);
  // Alice gives bob no address at first (no candidate works, the file goes in band: slow enough to cut); she may when he asks for the rest.
  let reveal = false;
  const alice = signedIn(aliceConnection, aliceJid, aliceKept, { reveal: () => reveal });
  const network = await relay();
  const bob = signedIn(await connectThrough(bobJid, network.port, 'laptop'), bobJid, bobKept);
  const bytes = randomBytes(2_000_000);
  const source = join(tempDir(), 'video.webm');
  writeFileSync(source, bytes);

  const sent = await alice.jingle.offer({ to: bob.jid, path: source, name: 'video.webm' });
  const offer = await until(() => bobKept.offers[0], 'bob is offered the file');
  await bob.jingle.accept(offer.id);
  await until(() => (last(bobKept.updates, offer.id)?.done ?? 0) > 300_000 || undefined, 'bob has received a part', 20_000);
  expect(last(bobKept.updates, offer.id)?.method).toBe('in-band');
  network.cut();
  reveal = resumedOver === 'direct';

  // Bob's side ends as interrupted, its bytes kept under the temporary name, to resume.
  const interrupted = await until(() => ended(bobKept.updates, offer.id), 'bob’s side ends');
  expect(interrupted).toMatchObject({ state: 'failed', resumable: true, error: { code: 'transfer-failed', params: { reason: 'connectivity-error' } } });
  const offset = interrupted.done;
  expect(offset).toBeGreaterThan(300_000);
  expect(offset).toBeLessThan(bytes.length);
  bob.dispose();
  await bob.connection.stop();
  const partial = readdirSync(bobKept.downloads);
  expect(partial).toHaveLength(1);
  expect(partial[0]?.startsWith('.video.webm.')).toBe(true);
  expect(readFileSync(join(bobKept.downloads, partial[0] ?? '')).equals(bytes.subarray(0, offset))).toBe(true);

  // Bob is back, on the same resource (the server drops the broken session), with what the core kept.
  const back = signedIn(await harness.raw(bobJid, 'laptop'), bobJid, bobKept, { reveal: resumedOver === 'direct' });
  expect(await until(() => ended(aliceKept.updates, sent.id), 'alice’s side ends', 70_000)).toMatchObject({ state: 'failed', resumable: true });
  return { alice, aliceKept, bobKept, back, sent, offer, bytes, offset, sentBlocks };
}

describe('Jingle file transfer when things go wrong', () => {
  it('the sender cancels midway: both sides end as cancelled and no file is left under the final name, nor the partial one', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const aliceKept = kept();
    const bobKept = kept();
    const alice = signedIn(await harness.raw(aliceJid, 'jingle'), aliceJid, aliceKept);
    const bob = signedIn(await harness.raw(bobJid, 'jingle'), bobJid, bobKept);
    const source = join(tempDir(), 'long.bin');
    writeFileSync(source, randomBytes(3_000_000));

    const sent = await alice.jingle.offer({ to: bob.jid, path: source, name: 'long.bin' });
    const offer = await until(() => bobKept.offers[0], 'bob is offered the file');
    await bob.jingle.accept(offer.id);
    await until(() => (last(bobKept.updates, offer.id)?.done ?? 0) > 100_000 || undefined, 'bob has received a part');
    expect(aliceKept.transfers.cancel(sent.id)).toBe(true);

    expect(await until(() => ended(aliceKept.updates, sent.id), 'alice’s side ends')).toMatchObject({ state: 'cancelled' });
    const received = await until(() => ended(bobKept.updates, offer.id), 'bob’s side ends');
    expect(received.state).toBe('cancelled');
    expect(received.resumable).toBeUndefined();
    expect(received.done).toBeLessThan(3_000_000);
    await until(() => readdirSync(bobKept.downloads).length === 0 || undefined, 'bob’s partial file is gone');
    expect(readdirSync(bobKept.downloads)).toEqual([]);
  });

  it.each(['in-band', 'direct'] as const)(
    'the receiver’s connection is cut midway: it keeps what arrived, comes back and asks for the rest (%s), which is sent from that offset; the whole file’s hash matches',
    async (resumedOver) => {
      const { alice, aliceKept, bobKept, back, sent, offer, bytes, offset, sentBlocks } = await receiverCut(resumedOver);
      const streamsBefore = new Set(sentBlocks.keys());
      await back.jingle.resume(offer.id, alice.jid);

      const done = await until(() => ended(bobKept.updates, offer.id), 'the resumed transfer ends', 30_000);
      expect(done).toMatchObject({ state: 'done', done: bytes.length, method: resumedOver });
      expect(await until(() => ended(aliceKept.updates, sent.id), 'alice’s side ends again')).toMatchObject({ state: 'done', method: resumedOver });
      const resumed = [...sentBlocks.entries()].filter(([sid]) => !streamsBefore.has(sid));
      if (resumedOver === 'in-band') {
        // The rest went in one new in-band stream that started at the offset, and nothing before it was sent again.
        expect(resumed).toHaveLength(1);
        const rest = Buffer.concat(resumed[0]?.[1] ?? []);
        expect(rest.length).toBe(bytes.length - offset);
        expect(rest.equals(bytes.subarray(offset))).toBe(true);
      } else expect(resumed).toEqual([]);
      // The file under its name, whole, the temporary one gone.
      expect(readdirSync(bobKept.downloads)).toEqual(['video.webm']);
      expect(sha256(readFileSync(join(bobKept.downloads, 'video.webm')))).toBe(sha256(bytes));
      // Alice's transfer went on in the same row, its progress from the offset, not from 0.
      const restartedAt = aliceKept.updates.findLastIndex((transfer) => transfer.id === sent.id && transfer.state === 'pending');
      const aliceAfter = aliceKept.updates.slice(restartedAt).filter((transfer) => transfer.id === sent.id);
      expect(aliceAfter[0]).toMatchObject({ state: 'pending', done: offset });
      expect(aliceAfter.length).toBeGreaterThan(1);
      expect(aliceAfter.every((transfer) => transfer.done >= offset)).toBe(true);
    },
  );

  it('the bytes kept changed while bob was away: the resumed transfer checks the whole file, fails, and keeps it aside', async () => {
    const { alice, bobKept, back, offer, offset } = await receiverCut('in-band');
    const partial = join(bobKept.downloads, readdirSync(bobKept.downloads)[0] ?? '');
    const held = readFileSync(partial);
    held[Math.floor(offset / 2)] = (held[Math.floor(offset / 2)] ?? 0) ^ 0xff;
    writeFileSync(partial, held);
    await back.jingle.resume(offer.id, alice.jid);
    const failed = await until(() => ended(bobKept.updates, offer.id), 'the resumed transfer ends', 30_000);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'transfer-failed', params: { context: 'hashMismatch', kept: partial } } });
    expect(readdirSync(bobKept.downloads)).toEqual([partial.slice(bobKept.downloads.length + 1)]);
  });

  it('the sender comes back after the cut and offers the file again: the receiver, holding part of it, accepts only the rest (§6.1 range in session-accept)', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const aliceKept = kept();
    const bobKept = kept();
    const network = await relay();
    const alice = signedIn(await connectThrough(aliceJid, network.port, 'desk'), aliceJid, aliceKept);
    const bob = signedIn(await harness.raw(bobJid, 'jingle'), bobJid, bobKept);
    const bytes = randomBytes(1_500_000);
    const source = join(tempDir(), 'slides.odp');
    writeFileSync(source, bytes);

    const sent = await alice.jingle.offer({ to: bob.jid, path: source, name: 'slides.odp' });
    const offer = await until(() => bobKept.offers[0], 'bob is offered the file');
    await bob.jingle.accept(offer.id);
    await until(() => (last(bobKept.updates, offer.id)?.done ?? 0) > 200_000 || undefined, 'bob has received a part', 20_000);
    network.cut();
    expect(await until(() => ended(aliceKept.updates, sent.id), 'alice’s side ends')).toMatchObject({ state: 'failed', resumable: true });
    alice.dispose();
    await alice.connection.stop();
    // Bob hears nothing more from alice's old session: after a while without bytes, his side takes it as broken.
    const aliceBack = await harness.raw(aliceJid, 'desk');
    const blocks = countIbb(aliceBack);
    const back = signedIn(aliceBack, aliceJid, aliceKept);
    const interrupted = await until(() => ended(bobKept.updates, offer.id), 'bob’s side ends', 70_000);
    expect(interrupted).toMatchObject({ state: 'failed', resumable: true });
    const offset = interrupted.done;
    expect(offset).toBeGreaterThan(0);

    await back.jingle.resume(sent.id, bob.jid);
    // The offer of the same file goes on in bob's row; accepted, it asks for the bytes from the offset only.
    const again = await until(() => bobKept.offers[1], 'bob is offered the file again');
    expect(again).toMatchObject({ id: offer.id, state: 'pending', done: offset });
    await bob.jingle.accept(again.id);
    expect(await until(() => ended(bobKept.updates, offer.id), 'bob’s side ends again', 30_000)).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => ended(aliceKept.updates, sent.id), 'alice’s side ends again')).toMatchObject({ state: 'done' });
    const rest = Buffer.concat([...blocks.values()].flat());
    expect(rest.length).toBe(bytes.length - offset);
    expect(rest.equals(bytes.subarray(offset))).toBe(true);
    expect(readdirSync(bobKept.downloads)).toEqual(['slides.odp']);
    expect(sha256(readFileSync(join(bobKept.downloads, 'slides.odp')))).toBe(sha256(bytes));
  });

  it('a hash that does not match the bytes is a failure: the file is kept aside, never under the offered name', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const bobKept = kept();
    const bob = signedIn(await harness.raw(bobJid, 'jingle'), bobJid, bobKept);
    // Alice is a hand-written peer that offers bytes with the hash of other bytes.
    const aliceConnection = await harness.raw(aliceJid, 'hostile');
    const router = setupIqRouter({ connection: aliceConnection, logger: silentLogger });
    disposers.push(() => router.dispose());
    const actions: Element[] = [];
    router.handle('set', 'jingle', NS_JINGLE, (_stanza, payload) => void actions.push(payload));
    const bytes = randomBytes(20_000);
    const claimed = createHash('sha256').update(randomBytes(20_000)).digest('base64');
    const file = buildFile({ name: 'invoice.pdf', size: bytes.length, hashes: [{ algo: 'sha-256', value: claimed }] });
    const transport = { sid: 'ibb-1', blockSize: 4096 };
    await aliceConnection.iq(
      buildJingle({ to: bob.jid, action: 'session-initiate', sid: 'hostile-1', initiator: fullJid(aliceConnection), contents: [{ creator: 'initiator', name: 'file', senders: 'initiator', description: buildDescription(file), transport: buildIbbTransport(transport) }] }),
    );
    const offer = await until(() => bobKept.offers[0], 'bob is offered the file');
    await bob.jingle.accept(offer.id);
    await until(() => actions.find((action) => action.attrs.action === 'session-accept'), 'bob accepts');
    await aliceConnection.iq(buildOpen(bob.jid, transport));
    for (let seq = 0; seq * 4096 < bytes.length; seq += 1) await aliceConnection.iq(buildData(bob.jid, transport.sid, seq, bytes.subarray(seq * 4096, (seq + 1) * 4096)));
    await aliceConnection.iq(buildClose(bob.jid, transport.sid));

    const failed = await until(() => ended(bobKept.updates, offer.id), 'bob’s side ends');
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'transfer-failed', params: { context: 'hashMismatch' } } });
    expect(failed.resumable).toBeUndefined();
    const terminate = await until(() => actions.find((action) => action.attrs.action === 'session-terminate'), 'bob ends the session');
    expect(terminate.getChild('reason')?.getChild('media-error')).toBeDefined();
    const names = readdirSync(bobKept.downloads);
    expect(names).not.toContain('invoice.pdf');
    expect(names).toHaveLength(1);
    const keptAside = join(bobKept.downloads, names[0] ?? '');
    expect(failed.error?.params?.kept).toBe(keptAside);
    expect(readFileSync(keptAside).equals(bytes)).toBe(true);
  });

  it('a sender that ignores the range asked for (as Libervia 0.9 does) fails that try, and the next offer starts from 0', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const bobKept = kept();
    const bob = signedIn(await harness.raw(bobJid, 'jingle'), bobJid, bobKept);
    const aliceConnection = await harness.raw(aliceJid, 'hand');
    const router = setupIqRouter({ connection: aliceConnection, logger: silentLogger });
    disposers.push(() => router.dispose());
    const actions: Element[] = [];
    router.handle('set', 'jingle', NS_JINGLE, (_stanza, payload) => void actions.push(payload));
    const bytes = randomBytes(40_000);
    const hash = createHash('sha256').update(bytes).digest('base64');
    // Every offer says it can serve a range (<range/>) and gives the same file, by a hand-written peer.
    const offerOnce = async (round: number) => {
      const file = buildFile({ name: 'map.png', size: bytes.length, date: '2026-12-01T10:00:00Z', hashes: [{ algo: 'sha-256', value: hash }], range: { offset: 0 } });
      const transport = { sid: `ibb-${round}`, blockSize: 4096 };
      await aliceConnection.iq(
        buildJingle({ to: bob.jid, action: 'session-initiate', sid: `hand-${round}`, initiator: fullJid(aliceConnection), contents: [{ creator: 'initiator', name: 'file', senders: 'initiator', description: buildDescription(file), transport: buildIbbTransport(transport) }] }),
      );
      const offer = await until(() => bobKept.offers[round], `offer ${round}`);
      await bob.jingle.accept(offer.id);
      const accept = await until(() => actions.filter((action) => action.attrs.action === 'session-accept')[round], `accept ${round}`);
      await aliceConnection.iq(buildOpen(bob.jid, transport));
      return { offer, accept, transport };
    };
    const sendBlocks = async (transport: { sid: string }, upTo: number) => {
      for (let seq = 0; seq * 4096 < upTo; seq += 1) await aliceConnection.iq(buildData(bob.jid, transport.sid, seq, bytes.subarray(seq * 4096, Math.min(upTo, (seq + 1) * 4096))));
    };
    const rangeOf = (accept: Element) => accept.getChild('content')?.getChild('description')?.getChild('file')?.getChild('range')?.attrs;

    // A first try stops halfway without a word: bob keeps what came.
    const first = await offerOnce(0);
    await sendBlocks(first.transport, 20_480);
    expect(await until(() => ended(bobKept.updates, first.offer.id), 'bob gives up waiting', 10_000)).toMatchObject({ state: 'failed', resumable: true, done: 20_480 });
    // Offered again: bob asks for the rest only, and the sender sends the whole file anyway.
    const second = await offerOnce(1);
    expect(second.offer.id).toBe(first.offer.id);
    expect(rangeOf(second.accept)).toEqual({ offset: '20480' });
    await sendBlocks(second.transport, bytes.length).catch(() => undefined);
    const refused = await until(() => ended(bobKept.updates, first.offer.id), 'bob refuses the overflow');
    expect(refused).toMatchObject({ state: 'failed' });
    expect(refused.resumable).toBeUndefined();
    expect(readdirSync(bobKept.downloads)).toEqual([]);
    // The next offer asks for the whole file, and it arrives whole.
    const third = await offerOnce(2);
    expect(rangeOf(third.accept)).toEqual({});
    await sendBlocks(third.transport, bytes.length);
    await aliceConnection.iq(buildClose(bob.jid, third.transport.sid));
    expect(await until(() => ended(bobKept.updates, third.offer.id), 'bob’s side ends')).toMatchObject({ state: 'done', done: bytes.length });
    expect(readFileSync(join(bobKept.downloads, 'map.png')).equals(bytes)).toBe(true);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['CON', '_CON'],
    // The control characters XML lets through (tab, line feed, C1) and a right-to-left override that disguises the extension.
    ['report\t\n\u009b31m\u202egpj.exe', 'report___31m_gpj.exe'],
    [' .hidden\u0085 ', 'hidden_'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
  ])('a hostile file name (%j) is saved as %j in the downloads folder, and nowhere else', async (hostile, safe) => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const outside = tempDir();
    const downloads = join(outside, 'a', 'b');
    mkdirSync(downloads, { recursive: true });
    const bobKept = kept(downloads);
    const alice = signedIn(await harness.raw(aliceJid, 'jingle'), aliceJid, kept());
    const bob = signedIn(await harness.raw(bobJid, 'jingle'), bobJid, bobKept);
    const source = join(tempDir(), 'plain.txt');
    writeFileSync(source, 'harmless');
    await alice.jingle.offer({ to: bob.jid, path: source, name: hostile });
    const offer = await until(() => bobKept.offers[0], 'bob is offered the file');
    expect(offer.name).toBe(safe);
    await bob.jingle.accept(offer.id);
    expect(await until(() => ended(bobKept.updates, offer.id), 'bob’s side ends')).toMatchObject({ state: 'done', name: safe });
    expect(readdirSync(downloads)).toEqual([safe]);
    expect(readFileSync(join(downloads, safe), 'utf8')).toBe('harmless');
    // Nothing climbed out of the folder.
    expect(readdirSync(outside)).toEqual(['a']);
    expect(readdirSync(join(outside, 'a'))).toEqual(['b']);
  });
});
