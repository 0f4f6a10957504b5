// Encrypted files (XEP-0454) and downloads on the harness Prosody's http_file_share served over https: in an OMEMO chat a
// file goes up encrypted and is shared as aesgcm:// inside the encrypted message (no OOB, nothing in the clear on the
// server); Python's `cryptography` decrypts what Causette uploaded, Causette decrypts what Python encrypted; downloads land
// in the downloads folder under a safe free name, and a wrong key, an over-limit file, an untrusted certificate, a cancel
// leave nothing behind (issue 12 point 6, issue 13 point 4).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FALLBACK_BODY } from '../../electron/core/omemo/omemo-encrypt.ts';
import { createDownloads } from '../../electron/core/transfers/download/download.ts';
import { createTransfers } from '../../electron/core/transfers/transfers.ts';
import type { Message } from '../../shared/model/message.ts';
import type { Transfer } from '../../shared/model/transfer.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { roomAddress } from './muc-harness.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, befriend } = harness;
const dir = mkdtempSync(join(tmpdir(), 'causette-aesgcm-'));
const peerScript = join(import.meta.dirname, '../peer/aesgcm_file.py');
const python = (...args: string[]) => execFileSync('/usr/bin/python3', [peerScript, ...args], { encoding: 'utf8', timeout: 30_000 }).trim();

beforeAll(async () => {
  server = await startProsody({ httpsUploads: true });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const updates = (core: TestCore, id: string): Transfer[] => eventsNamed(core, 'transfer.updated').filter((transfer) => transfer.id === id);
const ended = (core: TestCore, id: string) => until(() => updates(core, id).find((transfer) => transfer.state !== 'active' && transfer.state !== 'pending'), 'the transfer ends', 20_000);
const history = async (core: TestCore, peer: string): Promise<Message[]> => (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 20 })).messages;
const downloads = (core: TestCore) => join(core.profile, 'Downloads');
const listed = (folder: string) => {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
};

/** Everything Prosody keeps on disk (archives, offline messages), as text. */
function serverStore(): string {
  const texts: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!path.includes('http_file_share')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(server.dataDir, 'data'));
  return texts.join('\n');
}

async function upload(core: TestCore, peer: string, name: string, bytes: Uint8Array): Promise<Transfer> {
  const path = join(dir, `${randomBytes(4).toString('hex')}-${name}`);
  writeFileSync(path, bytes);
  const chosen = await core.files.register(path, name);
  const started = await core.handlers['transfer.send']({ accountId: core.accountId, peer, file: chosen.token, method: 'upload' });
  return ended(core, started.id);
}

async function download(core: TestCore, peer: string, url: string): Promise<Transfer> {
  const started = await core.handlers['transfer.download']({ accountId: core.accountId, peer, url });
  expect(started).toMatchObject({ direction: 'in', state: 'pending', url });
  return ended(core, started.id);
}

describe('encrypted files and downloads', () => {
  it('in an OMEMO chat, uploads the file encrypted and shares aesgcm:// in the encrypted message; Python and bob decrypt it', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s device');

    const bytes = randomBytes(200_000);
    const sent = await upload(alice, bobJid, 'holiday photo.jpg', bytes);
    expect(sent.state).toBe('done');
    const match = /^aesgcm:\/\/localhost:\d+\/[^#]+#([0-9a-f]{24})([0-9a-f]{64})$/u.exec(sent.url ?? '');
    expect(match).not.toBeNull();
    const key = match?.[2] ?? '';

    // What the server stores is ciphertext and tag: 16 bytes more, none of the file's bytes in the clear.
    const https = `https:${(sent.url ?? '').slice('aesgcm:'.length).replace(/#.*$/u, '')}`;
    const stored = new Uint8Array(execFileSync('/usr/bin/python3', ['-c', 'import ssl,sys,urllib.request;sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1],context=ssl.create_default_context(cafile=sys.argv[2])).read())', https, server.caPath]));
    expect(stored.length).toBe(bytes.length + 16);
    expect(Buffer.from(stored).includes(bytes.subarray(0, 64))).toBe(false);
    expect(python('decrypt', sent.url ?? '', server.caPath)).toBe(sha256(bytes));

    const received = await until(async () => (await history(bob, aliceJid)).find((message) => message.body === sent.url), 'bob decrypts the message sharing it');
    expect(received.encrypted).toBe(true);
    // The archive on the server holds neither the key nor the address in the clear, and no OOB element.
    const archive = serverStore();
    expect(archive).toContain(FALLBACK_BODY.slice(0, FALLBACK_BODY.indexOf('’')));
    expect(archive).not.toContain(key);
    expect(archive).not.toContain('aesgcm');
    expect(archive).not.toContain('jabber:x:oob');

    const fetched = await download(bob, aliceJid, received.body);
    expect(fetched).toMatchObject({ state: 'done', name: 'holiday photo.jpg', size: bytes.length, done: bytes.length });
    expect(sha256(readFileSync(join(downloads(bob), 'holiday photo.jpg')))).toBe(sha256(bytes));
    expect(updates(bob, fetched.id).every((transfer) => transfer.done <= bytes.length)).toBe(true);
  });

  it('in an encrypted members-only room, the file goes up encrypted and bob downloads it from the room’s message', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const room = roomAddress(server, 'files');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private', name: 'Files' });
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'member' });
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });
    expect((await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: room })).on).toBe(true);

    const bytes = randomBytes(60_000);
    const sent = await upload(alice, room, 'plan.pdf', bytes);
    expect(sent.url).toMatch(/^aesgcm:\/\/localhost:\d+\/.+\/plan\.pdf#[0-9a-f]{88}$/u);
    const received = await until(async () => (await history(bob, room)).find((message) => message.body === sent.url), 'bob decrypts the room message', 20_000);
    expect(received).toMatchObject({ encrypted: true, sender: { nick: 'Alice' } });
    expect(serverStore()).not.toContain(sent.url?.slice(-64) ?? '');
    const fetched = await download(bob, room, received.body);
    expect(fetched).toMatchObject({ state: 'done', name: 'plan.pdf', size: bytes.length });
    expect(sha256(readFileSync(join(downloads(bob), 'plan.pdf')))).toBe(sha256(bytes));
  });

  it('decrypts a file Python encrypted; a wrong key fails with integrity-failure and leaves no file', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    const plain = randomBytes(100_000);
    writeFileSync(join(dir, 'python-plain'), plain);
    const fragment = python('encrypt', join(dir, 'python-plain'), join(dir, 'python-cipher'));
    // Unencrypted here (no OMEMO with bob): the ciphertext goes up as it is, under an https URL.
    const up = await upload(alice, bobJid, 'report.pdf', readFileSync(join(dir, 'python-cipher')));
    expect(up.url).toMatch(/^https:\/\/localhost:\d+\//u);
    const url = `aesgcm:${(up.url ?? '').slice('https:'.length)}#${fragment}`;

    const fetched = await download(alice, bobJid, url);
    expect(fetched).toMatchObject({ state: 'done', name: 'report.pdf', size: plain.length });
    expect(sha256(readFileSync(join(downloads(alice), 'report.pdf')))).toBe(sha256(plain));

    const wrong = `${url.slice(0, -64)}${'00'.repeat(32)}`;
    const failed = await download(alice, bobJid, wrong);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'integrity-failure' } });
    expect(listed(downloads(alice))).toEqual(['report.pdf']);
  });

  it('saves a hostile name safely and a second copy under a numbered name; refuses past the size limit, an untrusted certificate; cancels', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    const bytes = randomBytes(50_000);
    const up = await upload(alice, bobJid, '..bashrc', bytes);
    const first = await download(alice, bobJid, up.url ?? '');
    const second = await download(alice, bobJid, up.url ?? '');
    expect([first.name, second.name]).toEqual(['bashrc', 'bashrc (2)']);
    expect(listed(downloads(alice))).toEqual(['bashrc', 'bashrc (2)']);
    expect(sha256(readFileSync(join(downloads(alice), 'bashrc (2)')))).toBe(sha256(bytes));
    // Bob, signing in afterwards, reads the message as a file shared out of band.
    const bob = await signIn(bobJid);
    expect(await until(async () => (await history(bob, aliceJid)).find((message) => message.body === up.url), 'bob gets the link')).toMatchObject({ oob: true });

    // The same machinery with a small limit, and with no trust in the test server's authority.
    const seen: Transfer[] = [];
    const transfers = createTransfers((transfer) => seen.push(transfer));
    const folder = mkdtempSync(join(tmpdir(), 'causette-dl-'));
    const small = createDownloads({ transfers, folder: () => folder, extraCa: [server.caPem], maxBytes: 10_000 });
    const untrusting = createDownloads({ transfers, folder: () => folder, extraCa: [], maxBytes: 10_000_000 });
    const end = (id: string) => until(() => seen.find((transfer) => transfer.id === id && transfer.state !== 'active' && transfer.state !== 'pending'), 'the download ends');
    const request = { accountId: alice.accountId, peer: bobJid, url: up.url ?? '' };
    expect(await end(small.start(request).id)).toMatchObject({ state: 'failed', error: { code: 'bad-request', params: { context: 'downloadTooLarge', max: '10000' } } });
    expect(await end(untrusting.start(request).id)).toMatchObject({ state: 'failed', error: { code: 'untrusted-certificate', params: { context: 'download' } } });
    const cancelled = untrusting.start({ ...request, url: up.url?.replace('https:', 'http:').replace(/localhost:\d+/u, `127.0.0.1:${server.httpPort}`) ?? '' });
    expect(transfers.cancel(cancelled.id)).toBe(true);
    expect(await end(cancelled.id)).toMatchObject({ state: 'cancelled' });
    expect(listed(folder)).toEqual([]);
    expect(() => small.start({ ...request, url: 'file:///etc/passwd' })).toThrow(expect.objectContaining({ code: 'bad-request' }));
  });
});
