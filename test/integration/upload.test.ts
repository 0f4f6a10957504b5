// HTTP File Upload (XEP-0363) on the harness Prosody's http_file_share: a chosen file goes up with its progress, its URL
// is shared in the chat with an out-of-band reference (XEP-0066) that a slixmpp peer reads, and the server gives the same
// bytes back; a file over the service's limit is refused before anything is sent, with the limit in the error.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/model/transfer.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child } from '../support/slixmpp-peer.ts';
import { createPeers } from './interop-harness.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const peers = createPeers(() => server);
const { users, signIn } = harness;
const dir = mkdtempSync(join(tmpdir(), 'causette-upload-'));

beforeAll(async () => {
  server = await startProsody();
});
afterEach(async () => {
  await peers.cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const updates = (core: TestCore, id: string): Transfer[] => eventsNamed(core, 'transfer.updated').filter((transfer) => transfer.id === id);

describe('HTTP file upload', () => {
  it('uploads a chosen file, shares its URL with an OOB reference, and the server gives the same bytes back', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    const bytes = randomBytes(300_000);
    const path = join(dir, 'holiday photo.jpg');
    writeFileSync(path, bytes);
    const chosen = await alice.files.register(path);
    expect(chosen).toMatchObject({ name: 'holiday photo.jpg', size: bytes.length });

    const started = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bobJid, file: chosen.token, method: 'upload' });
    expect(started).toMatchObject({ direction: 'out', method: 'upload', name: 'holiday photo.jpg', size: bytes.length, peer: bobJid });
    const done = await until(() => updates(alice, started.id).find((transfer) => transfer.state === 'done' || transfer.state === 'failed'), 'the upload ends', 20_000);
    expect(done).toMatchObject({ state: 'done', done: bytes.length });
    expect(done.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // Progress came as events, never beyond the size, and the transfers of the run list it.
    expect(updates(alice, started.id).every((transfer) => transfer.done <= bytes.length)).toBe(true);
    expect((await alice.handlers['transfer.list']({})).find((transfer) => transfer.id === started.id)?.state).toBe('done');

    const shared = await bob.waitFor(({ tree }) => tree.name === 'message' && child(tree, 'body')?.text === done.url, 'the message sharing the file');
    const oob = shared.tree.children.find((each) => each.name === 'x' && each.ns === 'jabber:x:oob');
    expect(oob?.children.find((each) => each.name === 'url')?.text).toBe(done.url);
    const history = await alice.handlers['chat.history']({ accountId: alice.accountId, peer: bobJid, limit: 10 });
    expect(history.messages.map((message) => message.body)).toEqual([done.url]);
    expect(done.messageId).toBe(history.messages[0]?.id);

    const fetched = new Uint8Array(await (await fetch(done.url ?? '')).arrayBuffer());
    expect(sha256(fetched)).toBe(sha256(bytes));
  });

  it('refuses a file over the service’s limit before sending it, saying the limit, and refuses a token it never gave', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    const path = join(dir, 'too big.bin');
    // Prosody's http_file_share takes 10 MiB by default.
    writeFileSync(path, Buffer.alloc(10 * 1024 * 1024 + 1));
    const chosen = await alice.files.register(path);
    const started = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bobJid, file: chosen.token, method: 'upload' });
    const failed = await until(() => updates(alice, started.id).find((transfer) => transfer.state === 'failed'), 'the refusal');
    expect(failed.error).toMatchObject({ code: 'bad-request', params: { context: 'fileTooLarge', size: String(10 * 1024 * 1024 + 1), max: String(10 * 1024 * 1024) } });
    expect(failed.done).toBe(0);
    expect((await alice.handlers['chat.history']({ accountId: alice.accountId, peer: bobJid, limit: 10 })).messages).toEqual([]);

    await expect(alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bobJid, file: '00000000-0000-4000-8000-000000000000', method: 'upload' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(alice.files.register(dir)).rejects.toMatchObject({ code: 'not-found' });
  });
});
