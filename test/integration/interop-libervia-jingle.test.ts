// Jingle File Transfer against an independent implementation: Libervia 0.9 (Debian bookworm), headless. Both ways, over
// XEP-0260 SOCKS5 (direct, and through the harness server's mod_proxy65) and XEP-0261 In-Band Bytestreams; each transfer
// ends with success on both sides (XEP-0234 §2: the receiver ends the session) and the bytes are compared here.
// Libervia 0.9 offers SOCKS5 whenever it sends (IBB only as its fallback, XEP-0260 §3), cannot read a standard XEP-0300
// checksum (it expects the base64 of the hex digest: on its side the file is checked by size only), and sends its own
// that way (Causette reads both forms, file-sink.ts).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/model/transfer.ts';
import { JINGLE_FT_FEATURES, setupJingleFileTransfer, type JingleFileTransferDeps } from '../../electron/core/jingle/file-transfer/index.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createTransfers } from '../../electron/core/transfers/transfers.ts';
import { ownDiscoInfo, setupResponders } from '../../electron/core/xmpp/disco/responders.ts';
import { setupIqRouter } from '../../electron/core/xmpp/iq-router.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { liberviaHint, liberviaInstalled, startLiberviaPeer, type LiberviaPeer } from '../support/libervia-peer.ts';
import { createHarness, until } from './roster-harness.ts';

let server: ProsodyServer;
let libervia: LiberviaPeer;
const harness = createHarness(() => server);
const dir = mkdtempSync(join(tmpdir(), 'causette-libervia-files-'));

beforeAll(async () => {
  if (!liberviaInstalled()) throw new Error(liberviaHint);
  server = await startProsody();
  await server.createUser('carol', 'carol-pw');
  libervia = await startLiberviaPeer({ jid: `carol@${server.domain}/libervia`, password: 'carol-pw', host: server.host, port: server.c2sPort });
}, 150_000);
afterAll(async () => {
  await libervia?.stop();
  await harness.cleanup();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Options = Pick<JingleFileTransferDeps, 'socks5' | 'mayRevealAddresses' | 'directHosts'>;
/** A contact who may learn our addresses (XEP-0260 §6.1): direct candidates both ways, on loopback. */
const trusted: Options = { mayRevealAddresses: () => true, directHosts: () => ['127.0.0.1'] };
/** A peer who may not: no direct connection either way, the harness server's proxy (mod_proxy65) only. */
const stranger: Options = { mayRevealAddresses: () => false };

async function causette(options: Options) {
  const [aliceJid = ''] = await harness.users('alice');
  const connection = await harness.raw(aliceJid, 'jingle');
  const router = setupIqRouter({ connection, logger: silentLogger });
  // Libervia asks the device what it supports before it offers a file (XEP-0030).
  const responders = setupResponders({ router, info: ownDiscoInfo(JINGLE_FT_FEATURES), version: '9.9-test' });
  const updates: Transfer[] = [];
  const offers: Transfer[] = [];
  const transfers = createTransfers((transfer) => updates.push(transfer));
  const downloads = mkdtempSync(join(dir, 'causette-'));
  // What the module says of each received file: whether its hash was checked.
  const received: Record<string, unknown>[] = [];
  const logger = { ...silentLogger, info: (message: string, fields?: Record<string, unknown>) => void (message === 'a file was received' && received.push(fields ?? {})) };
  const jingle = setupJingleFileTransfer({ accountId: 'a', connection, router, transfers, logger, downloadsDir: () => downloads, onOffer: (transfer) => offers.push(transfer), ...options });
  const state = connection.state;
  return {
    aliceJid,
    fullJid: state.status === 'online' ? state.jid : '',
    jingle,
    updates,
    offers,
    received,
    downloads,
    ended: (id: string) => updates.filter((transfer) => transfer.id === id && transfer.state !== 'pending' && transfer.state !== 'active').at(-1),
    dispose: () => {
      jingle.dispose();
      responders();
      router.dispose();
    },
  };
}

/** A failure says what Libervia saw (its log's end). */
async function explained<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${String(error)}\n--- Libervia's log, its end ---\n${libervia.log().slice(-4_000)}`, { cause: error });
  }
}

/** Causette offers a file, Libervia accepts it and ends the session with success; the same bytes arrived. */
function toLibervia(options: Options, size: number): Promise<Transfer> {
  return explained(async () => {
    const alice = await causette(options);
    try {
      const bytes = randomBytes(size);
      const source = join(dir, 'to-libervia.bin');
      writeFileSync(source, bytes);
      const into = mkdtempSync(join(dir, 'in-'));
      const receiving = libervia.receiveFiles(into, alice.aliceJid, 60_000);
      // Libervia's receiver subscribes to offers before one arrives.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const sent = await alice.jingle.offer({ to: libervia.jid, path: source, name: 'to-libervia.bin' });
      const done = await until(() => alice.ended(sent.id), 'the session ends', 40_000);
      await receiving.stop();
      expect(done).toMatchObject({ state: 'done', done: bytes.length });
      expect(readdirSync(into)).toEqual(['to-libervia.bin']);
      expect(sha256(readFileSync(join(into, 'to-libervia.bin')))).toBe(sha256(bytes));
      return done;
    } finally {
      alice.dispose();
    }
  });
}

/**
 * Libervia offers a file, the offer reaches Causette, which accepts it through the transfers API; Causette checks the
 * size and Libervia's sha-256 and ends the session with success, and Libervia reports its transfer finished.
 */
function fromLibervia(options: Options, size: number): Promise<Transfer> {
  return explained(async () => {
    const alice = await causette(options);
    try {
      const bytes = randomBytes(size);
      const source = join(dir, 'from-libervia.bin');
      writeFileSync(source, bytes);
      const sending = libervia.sendFile(source, alice.fullJid, 60_000);
      sending.catch(() => undefined);
      const offer = await until(() => alice.offers[0], 'the offer reaches Causette', 30_000);
      expect(offer).toMatchObject({ direction: 'in', name: 'from-libervia.bin', size, state: 'pending' });
      await alice.jingle.accept(offer.id);
      const done = await until(() => alice.ended(offer.id), 'the session ends', 40_000);
      expect(done).toMatchObject({ state: 'done', done: bytes.length });
      expect(sha256(readFileSync(join(alice.downloads, 'from-libervia.bin')))).toBe(sha256(bytes));
      // Checked against the sha-256 of Libervia's checksum (XEP-0234 §7), not by size only.
      expect(alice.received).toEqual([expect.objectContaining({ verified: true })]);
      await sending;
      return done;
    } finally {
      alice.dispose();
    }
  });
}

describe('Jingle file transfer with Libervia', () => {
  it('Causette → Libervia over IBB: Libervia receives the same bytes and ends the session with success', async () => {
    expect((await toLibervia({ socks5: () => false }, 70_000)).method).toBe('in-band');
  }, 90_000);

  it('Causette → Libervia by direct SOCKS5', async () => {
    expect((await toLibervia(trusted, 3 * 1024 * 1024)).method).toBe('direct');
  }, 90_000);

  it('Causette → Libervia through the server’s SOCKS5 proxy', async () => {
    expect((await toLibervia(stranger, 1024 * 1024)).method).toBe('proxy');
  }, 90_000);

  it('Libervia → Causette by direct SOCKS5', async () => {
    expect((await fromLibervia(trusted, 3 * 1024 * 1024)).method).toBe('direct');
  }, 90_000);

  it('Libervia → Causette through the server’s SOCKS5 proxy', async () => {
    expect((await fromLibervia(stranger, 1024 * 1024)).method).toBe('proxy');
  }, 90_000);

  it('Libervia → Causette over IBB: with SOCKS5 off, no candidate works and Libervia falls back (XEP-0260 §3)', async () => {
    expect((await fromLibervia({ socks5: () => false }, 70_000)).method).toBe('in-band');
  }, 90_000);
});
