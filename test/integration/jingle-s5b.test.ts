// Jingle File Transfer (XEP-0234) over SOCKS5 Bytestreams (XEP-0260, XEP-0065) between two accounts on the harness
// Prosody: directly between the two cores when the peer may learn our addresses, through the server's proxy (mod_proxy65)
// when it may not (XEP-0260 §6.1), and over IBB through transport-replace when no candidate works (XEP-0260 §3).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/model/transfer.ts';
import { setupJingleFileTransfer, type JingleFileTransferDeps } from '../../electron/core/jingle/file-transfer/index.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createTransfers } from '../../electron/core/transfers/transfers.ts';
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
  const dir = mkdtempSync(join(tmpdir(), 'causette-s5b-'));
  dirs.push(dir);
  return dir;
};

type Options = Pick<JingleFileTransferDeps, 'mayRevealAddresses' | 'directCandidates' | 'streamhost'>;

async function side(jid: string, options: Options) {
  const connection = await harness.raw(jid, 'jingle');
  const router = setupIqRouter({ connection, logger: silentLogger });
  const updates: Transfer[] = [];
  const offers: Transfer[] = [];
  const downloads = tempDir();
  const transfers = createTransfers((transfer) => updates.push(transfer));
  const jingle = setupJingleFileTransfer({ accountId: jid, connection, router, transfers, logger: silentLogger, downloadsDir: () => downloads, onOffer: (transfer) => offers.push(transfer), directHosts: () => ['127.0.0.1'], ...options });
  disposers.push(() => {
    jingle.dispose();
    router.dispose();
  });
  const state = connection.state;
  return { jid: state.status === 'online' ? state.jid : '', jingle, updates, offers, downloads };
}

const ended = (updates: readonly Transfer[], id: string) => {
  const transfer = updates.filter((each) => each.id === id).at(-1);
  return transfer && transfer.state !== 'pending' && transfer.state !== 'active' ? transfer : undefined;
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A port nothing listens on: a streamhost there cannot be reached. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

async function transfer(size: number, sender: Options, receiver: Options) {
  const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
  const [alice, bob] = await Promise.all([side(aliceJid, sender), side(bobJid, receiver)]);
  const bytes = randomBytes(size);
  const source = join(tempDir(), 'movie.mkv');
  writeFileSync(source, bytes);
  const started = Date.now();
  const sent = await alice.jingle.offer({ to: bob.jid, path: source, name: 'movie.mkv' });
  const offer = await until(() => bob.offers[0], 'bob is offered the file');
  await bob.jingle.accept(offer.id);
  const received = await until(() => ended(bob.updates, offer.id), 'bob’s side ends', 60_000);
  const out = await until(() => ended(alice.updates, sent.id), 'alice’s side ends', 10_000);
  expect(received).toMatchObject({ state: 'done', done: size });
  expect(out).toMatchObject({ state: 'done' });
  expect(readdirSync(bob.downloads)).toEqual(['movie.mkv']);
  expect(sha256(readFileSync(join(bob.downloads, 'movie.mkv')))).toBe(sha256(bytes));
  return { received, out, ms: Date.now() - started };
}

describe('Jingle file transfer over SOCKS5', () => {
  it('goes directly between two contacts with a mutual subscription, the hash checked', async () => {
    const trusted = { mayRevealAddresses: () => true };
    const { received, out, ms } = await transfer(50 * 1024 * 1024, trusted, trusted);
    expect(received.method).toBe('direct');
    expect(out.method).toBe('direct');
    expect(ms).toBeLessThan(30_000);
  }, 90_000);

  it('goes directly over IPv6 when that is the only address offered (a dual-stack SOCKS5 server, no proxy)', async () => {
    const ipv6 = { mayRevealAddresses: () => true, directHosts: () => ['::1'], streamhost: () => Promise.resolve(undefined) };
    const { received, out } = await transfer(3 * 1024 * 1024, ipv6, ipv6);
    expect(received.method).toBe('direct');
    expect(out.method).toBe('direct');
  }, 90_000);

  it('goes through the server’s proxy when the peer may not learn our addresses (a stranger, or the setting off)', async () => {
    const { received, out } = await transfer(3 * 1024 * 1024, { mayRevealAddresses: () => false }, { mayRevealAddresses: () => true, directCandidates: () => false });
    expect(received.method).toBe('proxy');
    expect(out.method).toBe('proxy');
  }, 90_000);

  it('falls back to IBB through transport-replace when no candidate works', async () => {
    const port = await deadPort();
    const unreachable = { streamhost: () => Promise.resolve({ jid: `proxy.${server.domain}`, host: '127.0.0.1', port }) };
    const { received, out } = await transfer(100_000, unreachable, unreachable);
    expect(received.method).toBe('in-band');
    expect(out.method).toBe('in-band');
  }, 90_000);
});
