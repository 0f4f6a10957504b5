// The transfer commands with two Causette cores on the harness Prosody (issue 13 points 2 and 4): transfer.send goes by
// Jingle to a contact's online device that advertises file transfer, bob's core tells an offer ('in', 'pending'),
// transfer.accept saves it whole in his downloads folder (or the folder given), transfer.decline ends both sides;
// to an offline contact, to a room or when asked, the file goes by HTTP upload; 'jingle' with no such device is refused.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/model/transfer.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const dir = mkdtempSync(join(tmpdir(), 'causette-send-'));

beforeAll(async () => {
  // https uploads: bob's devices make the chat encrypted, and an encrypted file goes up over https only (XEP-0454).
  server = await startProsody({ httpsUploads: true });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const updates = (core: TestCore, id?: string): Transfer[] => eventsNamed(core, 'transfer.updated').filter((transfer) => id === undefined || transfer.id === id);
const ended = (core: TestCore, id: string) => updates(core, id).find((transfer) => transfer.state === 'done' || transfer.state === 'failed' || transfer.state === 'cancelled');
const offerTo = (core: TestCore, name: string) => updates(core).find((transfer) => transfer.direction === 'in' && transfer.state === 'pending' && transfer.name === name);

async function friends(): Promise<[TestCore, TestCore]> {
  const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
  const [alice, bob] = await Promise.all([harness.signIn(aliceJid), harness.signIn(bobJid)]);
  await harness.befriend(alice, bob);
  return [alice, bob];
}

async function choose(core: TestCore, name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, `${randomBytes(4).toString('hex')}-${name}`);
  writeFileSync(path, bytes);
  return (await core.files.register(path, name)).token;
}

describe('transfer commands', () => {
  it('sends by Jingle to bob’s online device; bob accepts the offer and gets the same bytes in his downloads folder', async () => {
    const [alice, bob] = await friends();
    const bytes = randomBytes(70_000);
    const sent = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: await choose(alice, 'plan.pdf', bytes), method: 'auto' });
    expect(sent).toMatchObject({ direction: 'out', name: 'plan.pdf', size: bytes.length, peer: bob.jid, state: 'pending' });
    expect(['direct', 'proxy', 'in-band']).toContain(sent.method);
    const offer = await until(() => offerTo(bob, 'plan.pdf'), 'bob is offered the file');
    expect(offer).toMatchObject({ peer: alice.jid, size: bytes.length, done: 0 });
    expect(offer.method).not.toBe('upload');
    expect(await bob.handlers['transfer.list']({})).toContainEqual(expect.objectContaining({ id: offer.id, state: 'pending' }));

    expect(await bob.handlers['transfer.accept']({ id: offer.id })).toBe(true);
    expect(await until(() => ended(bob, offer.id), 'bob’s side ends', 20_000)).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => ended(alice, sent.id), 'alice’s side ends', 20_000)).toMatchObject({ state: 'done' });
    expect(readFileSync(join(bob.profile, 'Downloads', 'plan.pdf')).equals(bytes)).toBe(true);
    // The file is found for Open and Show in folder; this host (no desktop shell) says it cannot open files.
    await expect(bob.handlers['transfer.open']({ id: offer.id, reveal: true })).rejects.toMatchObject({ code: 'not-supported', params: { context: 'noFileShell' } });
    await expect(alice.handlers['transfer.open']({ id: sent.id, reveal: false })).rejects.toMatchObject({ code: 'not-found', params: { context: 'savedFile' } });
    await expect(bob.handlers['transfer.acceptInto']({ id: offer.id })).rejects.toMatchObject({ code: 'not-found' });
    // Accepted once: the offer is no longer open.
    await expect(bob.handlers['transfer.accept']({ id: offer.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('saves into the folder given with the accept, and refuses a folder that is not an absolute path', async () => {
    const [alice, bob] = await friends();
    const bytes = randomBytes(5_000);
    await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: await choose(alice, 'notes.txt', bytes), method: 'jingle' });
    const offer = await until(() => offerTo(bob, 'notes.txt'), 'bob is offered the file');
    await expect(bob.handlers['transfer.accept']({ id: offer.id, folder: 'relative/folder' })).rejects.toMatchObject({ code: 'bad-request', params: { context: 'folder' } });
    const folder = mkdtempSync(join(tmpdir(), 'causette-save-to-'));
    await bob.handlers['transfer.accept']({ id: offer.id, folder });
    expect(await until(() => ended(bob, offer.id), 'bob’s side ends', 20_000)).toMatchObject({ state: 'done' });
    expect(readFileSync(join(folder, 'notes.txt')).equals(bytes)).toBe(true);
  });

  it('bob declines: both sides end, alice’s as declined', async () => {
    const [alice, bob] = await friends();
    const sent = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: await choose(alice, 'unwanted.zip', randomBytes(1_000)), method: 'auto' });
    const offer = await until(() => offerTo(bob, 'unwanted.zip'), 'bob is offered the file');
    expect(await bob.handlers['transfer.decline']({ id: offer.id })).toBe(true);
    expect(await until(() => ended(bob, offer.id), 'bob’s side ends')).toMatchObject({ state: 'cancelled' });
    expect(await until(() => ended(alice, sent.id), 'alice’s side ends')).toMatchObject({ state: 'cancelled', error: { code: 'declined' } });
  });

  it('alice cancels her offer: bob’s offer ends too', async () => {
    const [alice, bob] = await friends();
    const sent = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: await choose(alice, 'draft.odt', randomBytes(1_000)), method: 'auto' });
    const offer = await until(() => offerTo(bob, 'draft.odt'), 'bob is offered the file');
    expect(await alice.handlers['transfer.cancel']({ id: sent.id })).toBe(true);
    expect(await until(() => ended(alice, sent.id), 'alice’s side ends')).toMatchObject({ state: 'cancelled' });
    expect(await until(() => ended(bob, offer.id), 'bob’s side ends')).toMatchObject({ state: 'cancelled' });
  });

  it('uploads when bob is offline or when asked, and refuses Jingle with no device to take it', async () => {
    const [alice, bob] = await friends();
    const asked = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: await choose(alice, 'asked.txt', randomBytes(100)), method: 'upload' });
    expect(asked.method).toBe('upload');
    await harness.close(bob);
    await until(async () => (await alice.contact(bob.jid))?.show === 'offline', 'bob is offline');
    const offline = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: await choose(alice, 'later.txt', randomBytes(100)), method: 'auto' });
    expect(offline.method).toBe('upload');
    expect(await until(() => ended(alice, offline.id), 'the upload ends', 20_000)).toMatchObject({ state: 'done' });
    await expect(alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: await choose(alice, 'direct.txt', randomBytes(100)), method: 'jingle' })).rejects.toMatchObject({
      code: 'not-supported',
      params: { context: 'noJingle' },
    });
  });
});
