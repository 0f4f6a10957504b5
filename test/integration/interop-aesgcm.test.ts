// Encrypted files (XEP-0454) with independent implementations, both ways: Causette uploads a file to the harness's
// https file share and sends its aesgcm:// URL OMEMO-encrypted to a slixmpp peer with python-omemo, which decrypts the
// message, and Python's `cryptography` the file; the peer sends, OMEMO-encrypted, the aesgcm:// URL of a file Python
// encrypted, and Causette decrypts the message and downloads and decrypts the file (issue 12 point 6, Interoperability).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import type { Transfer } from '../../shared/model/transfer.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createPeers } from './interop-harness.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const peers = createPeers(() => server);
const dir = mkdtempSync(join(tmpdir(), 'causette-interop-aesgcm-'));
const python = (...args: string[]) => execFileSync('/usr/bin/python3', [join(import.meta.dirname, '../peer/aesgcm_file.py'), ...args], { encoding: 'utf8', timeout: 30_000 }).trim();

beforeAll(async () => {
  server = await startProsody({ httpsUploads: true });
});
afterEach(async () => {
  await peers.cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const history = async (core: TestCore, peer: string): Promise<Message[]> => (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;
const ended = (core: TestCore, id: string): Promise<Transfer> =>
  until(() => eventsNamed(core, 'transfer.updated').find((transfer) => transfer.id === id && transfer.state !== 'active' && transfer.state !== 'pending'), 'the transfer ends', 20_000);

describe('aesgcm:// files with python-omemo and Python’s cryptography', () => {
  it('the peer opens the file Causette sends, and Causette the one the peer sends', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const alice = await harness.signIn(aliceJid);
    const bob = await peers.peer(bobJid);
    await bob.omemoStart();
    await peers.befriend(alice, bob);
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s OMEMO device');

    // Causette → python-omemo: the URL arrives inside the OMEMO message only, and the file opens with its key.
    const bytes = randomBytes(120_000);
    writeFileSync(join(dir, 'scan.png'), bytes);
    const chosen = await alice.files.register(join(dir, 'scan.png'));
    const started = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bobJid, file: chosen.token, method: 'upload' });
    const sent = await ended(alice, started.id);
    expect(sent.url).toMatch(/^aesgcm:\/\/localhost:\d+\/.+\/scan\.png#[0-9a-f]{88}$/u);
    const opened = await until(async () => (await bob.omemoReceived()).decrypted.find((entry) => entry.body === sent.url), 'the peer decrypts the message');
    expect(opened.from).toBe(aliceJid);
    expect(python('decrypt', opened.body, server.caPath)).toBe(sha256(bytes));

    // python-omemo → Causette: a file Python encrypted, its URL in an OMEMO message.
    const plain = randomBytes(90_000);
    writeFileSync(join(dir, 'plain'), plain);
    const fragment = python('encrypt', join(dir, 'plain'), join(dir, 'notes.txt'));
    const chosenCipher = await alice.files.register(join(dir, 'notes.txt'));
    // Uploaded through a conversation without encryption, so that it goes up as it is (already encrypted).
    const carrier = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: `nobody@${server.domain}`, file: chosenCipher.token, method: 'upload' });
    const https = (await ended(alice, carrier.id)).url ?? '';
    expect(https).toMatch(/^https:/u);
    const link = `aesgcm:${https.slice('https:'.length)}#${fragment}`;
    expect((await bob.omemoSend(aliceJid, link)).errors).toEqual([]);
    const received = await until(async () => (await history(alice, bobJid)).find((message) => message.body === link), 'Causette decrypts the message');
    expect(received.encrypted).toBe(true);
    const fetched = await ended(alice, (await alice.handlers['transfer.download']({ accountId: alice.accountId, peer: bobJid, url: received.body, messageId: received.id })).id);
    expect(fetched).toMatchObject({ state: 'done', name: 'notes.txt', size: plain.length, messageId: received.id });
    expect(sha256(readFileSync(join(alice.profile, 'Downloads', 'notes.txt')))).toBe(sha256(plain));
    expect((await bob.omemoReceived()).failures).toEqual([]);
  });
});
