// Jingle File Transfer against an independent implementation: Libervia 0.9 (Debian bookworm), headless. Causette offers
// a file over In-Band Bytestreams (XEP-0234 file-transfer:5, XEP-0261) and Libervia receives it and ends the session as
// the receiver (XEP-0234 §2). Libervia 0.9 cannot read a standard XEP-0300 checksum (it expects the base64 of the hex
// digest), so on its side the file is checked by size only; the bytes are compared here.
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
  const jingle = setupJingleFileTransfer({ accountId: 'a', connection, router, transfers, logger: silentLogger, downloadsDir: () => downloads, onOffer: (transfer) => offers.push(transfer), ...options });
  const state = connection.state;
  return {
    aliceJid,
    fullJid: state.status === 'online' ? state.jid : '',
    jingle,
    updates,
    offers,
    downloads,
    ended: (id: string) => updates.filter((transfer) => transfer.id === id && transfer.state !== 'pending' && transfer.state !== 'active').at(-1),
    dispose: () => {
      jingle.dispose();
      responders();
      router.dispose();
    },
  };
}

async function toLibervia(options: Options, size: number): Promise<Transfer> {
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
}

describe('Jingle file transfer with Libervia', () => {
  it('Causette → Libervia over IBB: Libervia receives the same bytes and ends the session with success', async () => {
    expect((await toLibervia({ socks5: () => false }, 70_000)).method).toBe('in-band');
  }, 90_000);
});
