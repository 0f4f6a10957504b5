// Jingle File Transfer (XEP-0234) over In-Band Bytestreams (XEP-0261, XEP-0047) between two accounts on the harness
// Prosody, each with Causette's iq router, transfer registry and Jingle module on its own connection (two strangers without
// a proxy: no SOCKS5 candidate, so IBB replaces SOCKS5, XEP-0260 §3): a file arrives whole
// with its hash checked and under its (sanitised) name, and a declined offer ends both sides without a file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/model/transfer.ts';
import { NS_JINGLE_FT } from '../../electron/core/jingle/file-stanzas.ts';
import { setupJingleFileTransfer, type JingleFileTransfer } from '../../electron/core/jingle/file-transfer/index.ts';
import { NS_JINGLE_IBB } from '../../electron/core/jingle/ibb-stanzas.ts';
import { NS_JINGLE } from '../../electron/core/jingle/jingle-stanzas.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createTransfers } from '../../electron/core/transfers/transfers.ts';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { NS_DISCO_INFO } from '../../electron/core/xmpp/disco/disco-info.ts';
import { setupIqRouter } from '../../electron/core/xmpp/iq-router.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, until } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const dirs: string[] = [];
const disposers: (() => void)[] = [];

beforeAll(async () => {
  server = await startProsody();
});
afterEach(async () => {
  for (const dispose of disposers.splice(0)) dispose();
  await harness.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => server.dispose());

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'causette-jingle-'));
  dirs.push(dir);
  return dir;
};

interface Side {
  readonly connection: Connection;
  readonly jid: string;
  readonly jingle: JingleFileTransfer;
  readonly updates: Transfer[];
  readonly offers: Transfer[];
  readonly downloads: string;
}

async function side(jid: string): Promise<Side> {
  const connection = await harness.raw(jid, 'jingle');
  const router = setupIqRouter({ connection, logger: silentLogger });
  const updates: Transfer[] = [];
  const offers: Transfer[] = [];
  const downloads = tempDir();
  const transfers = createTransfers((transfer) => updates.push(transfer));
  const jingle = setupJingleFileTransfer({ accountId: jid, connection, router, transfers, logger: silentLogger, downloadsDir: () => downloads, onOffer: (transfer) => offers.push(transfer), streamhost: () => Promise.resolve(undefined) });
  disposers.push(() => {
    jingle.dispose();
    router.dispose();
  });
  const state = connection.state;
  return { connection, jid: state.status === 'online' ? state.jid : '', jingle, updates, offers, downloads };
}

const last = (updates: readonly Transfer[], id: string) => updates.filter((transfer) => transfer.id === id).at(-1);
const ended = (updates: readonly Transfer[], id: string) => {
  const transfer = last(updates, id);
  return transfer && transfer.state !== 'pending' && transfer.state !== 'active' ? transfer : undefined;
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('Jingle file transfer over IBB', () => {
  it('sends a file block by block; the receiver checks its hash and saves it under the offered name', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const [alice, bob] = await Promise.all([side(aliceJid), side(bobJid)]);
    // Not a whole number of 4096-byte blocks, so the last block is short.
    const bytes = randomBytes(150_000);
    const source = join(tempDir(), 'report.pdf');
    writeFileSync(source, bytes);

    const sent = await alice.jingle.offer({ to: bob.jid, path: source, name: 'report.pdf', mediaType: 'application/pdf' });
    expect(sent).toMatchObject({ direction: 'out', method: 'in-band', name: 'report.pdf', size: bytes.length, peer: bobJid, state: 'pending' });
    const offer = await until(() => bob.offers[0], 'bob is offered the file');
    expect(offer).toMatchObject({ direction: 'in', method: 'in-band', name: 'report.pdf', size: bytes.length, peer: aliceJid });
    await bob.jingle.accept(offer.id);

    const received = await until(() => ended(bob.updates, offer.id), 'bob’s side ends', 30_000);
    expect(received).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => ended(alice.updates, sent.id), 'alice’s side ends', 10_000)).toMatchObject({ state: 'done', done: bytes.length });
    // Progress came block by block, never beyond the size.
    expect(bob.updates.filter((transfer) => transfer.id === offer.id && transfer.state === 'active').length).toBeGreaterThan(0);
    expect(bob.updates.every((transfer) => transfer.done <= bytes.length)).toBe(true);
    // The file under its final name only: the temporary one is gone.
    expect(readdirSync(bob.downloads)).toEqual(['report.pdf']);
    expect(sha256(readFileSync(join(bob.downloads, 'report.pdf')))).toBe(sha256(bytes));
  });

  it('a second file of the same name is saved beside the first, never over it', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const [alice, bob] = await Promise.all([side(aliceJid), side(bobJid)]);
    writeFileSync(join(bob.downloads, 'notes.txt'), 'already here');
    const source = join(tempDir(), 'notes.txt');
    writeFileSync(source, 'new notes');
    await alice.jingle.offer({ to: bob.jid, path: source, name: '../notes.txt' });
    const offer = await until(() => bob.offers[0], 'the offer');
    expect(offer.name).toBe('notes.txt');
    await bob.jingle.accept(offer.id);
    expect(await until(() => ended(bob.updates, offer.id), 'bob’s side ends', 20_000)).toMatchObject({ state: 'done' });
    expect(readdirSync(bob.downloads).sort()).toEqual(['notes (2).txt', 'notes.txt']);
    expect(readFileSync(join(bob.downloads, 'notes.txt'), 'utf8')).toBe('already here');
    expect(readFileSync(join(bob.downloads, 'notes (2).txt'), 'utf8')).toBe('new notes');
  });

  it('the receiver declines: both sides end, the sender learns it was declined, and no file is written', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const [alice, bob] = await Promise.all([side(aliceJid), side(bobJid)]);
    const source = join(tempDir(), 'big.bin');
    writeFileSync(source, randomBytes(10_000));
    const sent = await alice.jingle.offer({ to: bob.jid, path: source, name: 'big.bin' });
    const offer = await until(() => bob.offers[0], 'the offer');
    await bob.jingle.decline(offer.id);
    expect(await until(() => ended(alice.updates, sent.id), 'alice’s side ends', 10_000)).toMatchObject({ state: 'cancelled', done: 0, error: { code: 'declined' } });
    expect(ended(bob.updates, offer.id)).toMatchObject({ state: 'cancelled' });
    expect(readdirSync(bob.downloads)).toEqual([]);
    // The session is gone on both sides: accepting now is refused.
    await expect(bob.jingle.accept(offer.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a signed-in core announces Jingle, file transfer and IBB in its disco#info (XEP-0030)', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    const bob = await harness.raw(bobJid, 'probe');
    const reply = await bob.iq(xml('iq', { type: 'get', to: await harness.fullJid(alice) }, xml('query', { xmlns: NS_DISCO_INFO })));
    const features = (reply.getChild('query', NS_DISCO_INFO)?.getChildren('feature') ?? []).map((feature) => feature.attrs.var);
    expect(features).toEqual(expect.arrayContaining([NS_JINGLE, NS_JINGLE_FT, NS_JINGLE_IBB, 'http://jabber.org/protocol/ibb', 'urn:xmpp:hash-function-text-names:sha-256']));
  });
});
