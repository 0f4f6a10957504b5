// Jingle Encrypted Transports (XEP-0391 with OMEMO, XEP-0396) between two Causette sides on the harness Prosody, each with an
// OMEMO 0.3 device: the offer carries the transport key wrapped for bob's device, the bytes go encrypted over IBB and through
// the server's SOCKS5 proxy (watched on their way: never the file's bytes), and bob gets the file back with its hash checked.
// A key bob cannot open ends the session with security-error on both sides, each with its reason; two signed-in cores
// send an encrypted file with transfer.send once OMEMO is on, and say it is encrypted.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/model/transfer.ts';
import { JINGLE_FT_FEATURES } from '../../electron/core/jingle/file-transfer/index.ts';
import { NS_IBB } from '../../electron/core/jingle/ibb-stanzas.ts';
import { NS_JET, NS_JET_OMEMO } from '../../electron/core/jingle/jet/jet-stanzas.ts';
import { TAG_LENGTH } from '../../electron/core/jingle/jet/stream-cipher.ts';
import { NS_JINGLE } from '../../electron/core/jingle/jingle-stanzas.ts';
import { NS_DISCO_INFO } from '../../electron/core/xmpp/disco/disco-info.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { jetSide, type JetOptions, type JetSide } from './jet-harness.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const sides: JetSide[] = [];
const dir = mkdtempSync(join(tmpdir(), 'causette-jet-files-'));

beforeAll(async () => {
  // https uploads: an encrypted file goes up over https only (XEP-0454).
  server = await startProsody({ httpsUploads: true });
});
afterEach(async () => {
  for (const side of sides.splice(0)) side.dispose();
  await harness.cleanup();
});
afterAll(async () => {
  await server.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function pair(alice: JetOptions = {}, bob: JetOptions = {}): Promise<[JetSide, JetSide]> {
  const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
  const made = await Promise.all([jetSide(harness.raw, aliceJid, alice), jetSide(harness.raw, bobJid, bob)]);
  sides.push(...made);
  return made;
}

function file(name: string, size: number): { path: string; bytes: Buffer } {
  const bytes = randomBytes(size);
  const path = join(dir, `${randomBytes(4).toString('hex')}-${name}`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Whether `haystack` holds any 64-byte run of `file` (what a plaintext transfer would carry). */
function holdsPlaintext(haystack: Buffer, file: Buffer): boolean {
  for (let at = 0; at + 64 <= file.length; at += 4096) if (haystack.includes(file.subarray(at, at + 64))) return true;
  return false;
}

/** A loopback forwarder to the server's SOCKS5 proxy that keeps every byte through it: what is on the wire. */
async function recordingRelay(port: number) {
  const seen: Buffer[] = [];
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = createConnection({ host: server.host, port });
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(from);
      from.on('data', (chunk: Buffer) => seen.push(chunk));
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => sockets.delete(from));
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, server.host, resolve));
  const address = relay.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    seen: () => Buffer.concat(seen),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

async function transfer(alice: JetSide, bob: JetSide, bytes: Buffer, path: string, name: string): Promise<{ sent: Transfer; offer: Transfer }> {
  const sent = await alice.jingle.offer({ to: bob.jid, path, name, encrypt: true });
  expect(sent).toMatchObject({ encrypted: true, direction: 'out' });
  const offer = await until(() => bob.offers[0], 'bob is offered the file');
  expect(offer).toMatchObject({ encrypted: true, direction: 'in', name, size: bytes.length });
  await bob.jingle.accept(offer.id);
  expect(await until(() => bob.ended(offer.id), 'bob’s side ends', 30_000)).toMatchObject({ state: 'done', done: bytes.length, encrypted: true });
  expect(await until(() => alice.ended(sent.id), 'alice’s side ends', 10_000)).toMatchObject({ state: 'done', encrypted: true });
  expect(readdirSync(bob.downloads)).toEqual([name]);
  expect(sha256(readFileSync(join(bob.downloads, name)))).toBe(sha256(bytes));
  return { sent, offer };
}

describe('Jingle Encrypted Transports with OMEMO', () => {
  it('over IBB: the offer wraps the key for bob’s device, the blocks on the wire are ciphertext and its tag, bob gets the file', async () => {
    const initiates: Element[] = [];
    const blocks: Buffer[] = [];
    const watch = (iq: Element) => {
      const jingle = iq.getChild('jingle', NS_JINGLE);
      if (jingle?.attrs.action === 'session-initiate') initiates.push(iq);
      const data = iq.getChild('data', NS_IBB);
      if (data) blocks.push(Buffer.from(data.text(), 'base64'));
      return iq;
    };
    const [alice, bob] = await pair({ socks5: () => false, onIq: watch }, { socks5: () => false });
    const { bytes, path } = file('report.pdf', 150_000);
    const { sent } = await transfer(alice, bob, bytes, path, 'report.pdf');
    expect(sent.method).toBe('in-band');

    const security = initiates[0]?.getChild('jingle')?.getChild('content')?.getChild('security', NS_JET);
    expect(security?.attrs).toMatchObject({ name: 'file', cipher: 'urn:xmpp:ciphers:aes-128-gcm-nopadding:0', type: 'eu.siacs.conversations.axolotl' });
    const header = security?.getChild('encrypted', 'eu.siacs.conversations.axolotl')?.getChild('header');
    expect(header?.attrs.sid).toBe(String(await alice.omemo.ownDevice()));
    expect(header?.getChildren('key').map((key) => key.attrs.rid)).toEqual([String(await bob.omemo.ownDevice())]);
    // The file's size is offered; the stream holds 16 bytes more, the tag, and none of the file's bytes.
    const wire = Buffer.concat(blocks);
    expect(wire.length).toBe(bytes.length + TAG_LENGTH);
    expect(holdsPlaintext(wire, bytes)).toBe(false);
  });

  it('through the SOCKS5 proxy: the bytes the proxy relays are not the file’s, bob gets the file', async () => {
    const relay = await recordingRelay(server.proxy65Port);
    try {
      const proxy = { streamhost: () => Promise.resolve({ jid: `proxy.${server.domain}`, host: server.host, port: relay.port }), directCandidates: () => false };
      const [alice, bob] = await pair(proxy, proxy);
      const { bytes, path } = file('photos.tar', 600_000);
      const { sent } = await transfer(alice, bob, bytes, path, 'photos.tar');
      expect(sent.method).toBe('proxy');
      const wire = relay.seen();
      expect(wire.length).toBeGreaterThanOrEqual(bytes.length + TAG_LENGTH);
      expect(holdsPlaintext(wire, bytes)).toBe(false);
    } finally {
      await relay.close();
    }
  });

  it('a key bob cannot open ends the session with security-error: bob is told it could not be decrypted, alice that bob could not', async () => {
    // The key wrapped for bob's device, altered on its way: his session cannot open it.
    const corrupt = (iq: Element) => {
      const key = iq.getChild('jingle', NS_JINGLE)?.getChild('content')?.getChild('security', NS_JET)?.getChild('encrypted')?.getChild('header')?.getChild('key');
      if (key) {
        const bytes = Buffer.from(key.text(), 'base64');
        bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
        key.children = [bytes.toString('base64')];
      }
      return iq;
    };
    const [alice, bob] = await pair({ socks5: () => false, onIq: corrupt }, { socks5: () => false });
    const { path } = file('secret.txt', 3_000);
    const sent = await alice.jingle.offer({ to: bob.jid, path, name: 'secret.txt', encrypt: true });
    const failed = await until(() => bob.updates.find((update) => update.direction === 'in' && update.state === 'failed'), 'bob’s side fails');
    expect(failed).toMatchObject({ encrypted: true, error: { code: 'transfer-failed', params: { context: 'undecryptable' } } });
    expect(await until(() => alice.ended(sent.id), 'alice’s side ends')).toMatchObject({ state: 'failed', error: { code: 'transfer-failed', params: { context: 'securityError' } } });
    // Never offered to the user, nothing written.
    expect(bob.offers).toEqual([]);
    expect(readdirSync(bob.downloads)).toEqual([]);
  });

  it('refuses to send encrypted to someone without OMEMO devices you trust, instead of sending in the clear', async () => {
    const [alice, bob] = await pair({ socks5: () => false });
    // A first key sealed for bob's only device makes its identity known (from its bundle); then the user distrusts it.
    await alice.omemo.transportKeys.seal(bob.bare);
    expect(alice.omemo.setTrust(bob.bare, await bob.omemo.ownDevice(), 'untrusted')).toBe(true);
    const { path } = file('private.txt', 100);
    await expect(alice.jingle.offer({ to: bob.jid, path, name: 'private.txt', encrypt: true })).rejects.toMatchObject({ code: 'encryption-unavailable', params: { context: 'fileNoTrusted' } });
    expect(alice.updates).toEqual([]);
  });
});

describe('encrypted transfers between two signed-in cores', () => {
  const updates = (core: TestCore, id?: string): Transfer[] => eventsNamed(core, 'transfer.updated').filter((each) => id === undefined || each.id === id);

  it('advertise JET with OMEMO; transfer.send encrypts once OMEMO is on, and both sides say so', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const [alice, bob] = await Promise.all([harness.signIn(aliceJid), harness.signIn(bobJid)]);
    await harness.befriend(alice, bob);
    const probe = await harness.raw(bobJid, 'probe');
    const reply = await probe.iq(xml('iq', { type: 'get', to: await harness.fullJid(alice) }, xml('query', { xmlns: NS_DISCO_INFO })));
    expect((reply.getChild('query', NS_DISCO_INFO)?.getChildren('feature') ?? []).map((feature) => feature.attrs.var)).toEqual(expect.arrayContaining([NS_JET, NS_JET_OMEMO]));
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s device');

    const { bytes, path } = file('plan.pdf', 70_000);
    const token = (await alice.files.register(path, 'plan.pdf')).token;
    const sent = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bobJid, file: token, method: 'jingle' });
    // Mutual contacts: directly over SOCKS5.
    expect(sent).toMatchObject({ encrypted: true, name: 'plan.pdf', method: 'direct' });
    const offer = await until(() => updates(bob).find((each) => each.direction === 'in' && each.name === 'plan.pdf'), 'bob is offered the file');
    expect(offer.encrypted).toBe(true);
    await bob.handlers['transfer.accept']({ id: offer.id });
    expect(await until(() => updates(bob, offer.id).find((each) => each.state === 'done'), 'bob’s side ends', 20_000)).toMatchObject({ encrypted: true, done: bytes.length });
    expect(readFileSync(join(bob.profile, 'Downloads', 'plan.pdf')).equals(bytes)).toBe(true);
  });

  it('with encryption on, a device without JET gets no direct transfer in the clear: auto uploads it encrypted, jingle is refused', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    // bob: Jingle file transfer and an OMEMO device, but no encrypted transports.
    const bob = await jetSide(harness.raw, bobJid, { features: JINGLE_FT_FEATURES });
    sides.push(bob);
    await alice.handlers['roster.add']({ accountId: alice.accountId, jid: bobJid, groups: [] });
    await until(
      async () => {
        await bob.connection.send(xml('presence', { to: aliceJid, type: 'subscribed' }));
        await bob.connection.send(xml('presence'));
        await new Promise((resolve) => setTimeout(resolve, 200));
        const contact = await alice.contact(bobJid);
        return contact?.show !== undefined && contact.show !== 'offline';
      },
      'alice sees bob online',
    );
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s device');
    const { path } = file('minutes.txt', 2_000);
    const token = async () => (await alice.files.register(path, 'minutes.txt')).token;
    await expect(alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bobJid, file: await token(), method: 'jingle' })).rejects.toMatchObject({ code: 'encryption-unavailable', params: { context: 'noJet' } });
    const sent = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bobJid, file: await token(), method: 'auto' });
    expect(sent).toMatchObject({ method: 'upload', encrypted: true });
    expect(await until(() => updates(alice, sent.id).find((each) => each.state === 'done'), 'the upload is done', 20_000)).toMatchObject({ url: expect.stringMatching(/^aesgcm:\/\//) as unknown });
    expect(bob.offers).toEqual([]);
  });
});
