// transfer.resume with two Causette cores on the harness Prosody (issue 13 point 2, XEP-0234 §6.4): bob's network breaks
// while a file comes to him (his connection goes through a TCP relay that drops every socket); his core reconnects by
// itself, his transfer is failed and resumable with the bytes kept; transfer.resume asks alice's core for the rest, which
// is sent from where it stopped, and the file is whole. The server has no SOCKS5 proxy and the setting forbids direct
// candidates, so the file goes in band (XEP-0261), slow enough to cut midway.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection as tcpConnect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/model/transfer.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
/** A server without XEP-0198: a cut connection comes back as a new session, never a resumed one. */
let noResumption: ProsodyServer;
const harness = createHarness(() => server);
const freshHarness = createHarness(() => noResumption);
const dir = mkdtempSync(join(tmpdir(), 'causette-resume-'));
const closers: (() => void)[] = [];

beforeAll(async () => {
  [server, noResumption] = await Promise.all([startProsody({ withoutProxy: true }), startProsody({ withoutProxy: true, withoutModules: ['smacks'] })]);
});
afterEach(async () => {
  await harness.cleanup();
  await freshHarness.cleanup();
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await Promise.all([server.dispose(), noResumption.dispose()]);
  rmSync(dir, { recursive: true, force: true });
});

const updates = (core: TestCore, id: string): Transfer[] => eventsNamed(core, 'transfer.updated').filter((transfer) => transfer.id === id);
const latest = (core: TestCore, id: string) => updates(core, id).at(-1);
const finished = (core: TestCore, id: string) => {
  const transfer = latest(core, id);
  return transfer && transfer.state !== 'pending' && transfer.state !== 'active' ? transfer : undefined;
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A TCP relay to the server whose sockets can all be dropped at once, as a broken network does; it keeps listening, and counts the bytes it brings to the client. */
async function relay(to: ProsodyServer = server): Promise<{ port: number; drop: () => void; received: () => number }> {
  const sockets = new Set<Socket>();
  let received = 0;
  const listener = createServer((client) => {
    const upstream = tcpConnect(to.c2sPort, to.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    upstream.on('data', (chunk: Buffer) => void (received += chunk.length));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  closers.push(() => listener.close());
  const address = listener.address();
  return { port: typeof address === 'object' && address ? address.port : 0, drop: () => sockets.forEach((socket) => socket.destroy()), received: () => received };
}

type SignInOptions = Parameters<ReturnType<typeof createHarness>['signIn']>[1];

/**
 * Alice and bob on `on` (the usual server by default), contacts with direct transfers off (so the file goes in band,
 * slow enough to cut), each signed in with its options; alice holds `name`, of `size` random bytes, ready to send.
 */
async function pairWithFile(name: string, size: number, options: { alice?: SignInOptions; bob?: SignInOptions; on?: ReturnType<typeof createHarness> } = {}) {
  const on = options.on ?? harness;
  const [aliceJid = '', bobJid = ''] = await on.users('alice', 'bob');
  const [alice, bob] = await Promise.all([on.signIn(aliceJid, options.alice), on.signIn(bobJid, options.bob)]);
  await on.befriend(alice, bob);
  for (const core of [alice, bob]) await core.handlers['settings.update']({ directTransfers: false });
  const bytes = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const { token } = await alice.files.register(path, name);
  return { alice, bob, bobJid, bytes, token };
}

/** Alice sends the file by Jingle and bob accepts the offer. */
async function sendAccepted(alice: TestCore, bob: TestCore, token: string): Promise<{ sent: Transfer; offer: Transfer }> {
  const sent = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: token, method: 'jingle' });
  const offer = await until(() => eventsNamed(bob, 'transfer.updated').find((transfer) => transfer.direction === 'in' && transfer.state === 'pending'), 'bob is offered the file');
  await bob.handlers['transfer.accept']({ id: offer.id });
  return { sent, offer };
}

describe('transfer.resume', () => {
  it('bob’s network breaks midway; once his core is back, transfer.resume brings the rest from where it stopped', async () => {
    const network = await relay();
    // Resumed by hand only: the automatic resume is the next test's.
    const { alice, bob, bytes, token } = await pairWithFile('talk.ogg', 2_500_000, { bob: { port: network.port, autoResume: { attempts: 0 } } });
    const { sent, offer } = await sendAccepted(alice, bob, token);
    await until(() => ((latest(bob, offer.id)?.done ?? 0) > 400_000 ? true : undefined), 'a part has arrived', 30_000);
    network.drop();

    const interrupted = await until(() => finished(bob, offer.id), 'bob’s transfer stops');
    expect(interrupted).toMatchObject({ state: 'failed', resumable: true, method: 'in-band' });
    const offset = interrupted.done;
    expect(offset).toBeGreaterThan(400_000);
    expect(offset).toBeLessThan(bytes.length);
    await harness.waitOnline(bob);
    await until(() => finished(alice, sent.id), 'alice’s transfer stops', 70_000);

    expect(await bob.handlers['transfer.resume']({ id: offer.id })).toBe(true);
    expect(await until(() => finished(bob, offer.id), 'the resumed transfer ends', 30_000)).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => finished(alice, sent.id), 'alice’s side ends')).toMatchObject({ state: 'done', done: bytes.length });
    // The same rows went on: bob's from the offset, never below it.
    const again = updates(bob, offer.id).slice(updates(bob, offer.id).findLastIndex((transfer) => transfer.state === 'pending'));
    expect(again[0]).toMatchObject({ state: 'pending', done: offset });
    expect(again.every((transfer) => transfer.done >= offset)).toBe(true);
    const downloads = join(bob.profile, 'Downloads');
    expect(readdirSync(downloads)).toEqual(['talk.ogg']);
    expect(sha256(readFileSync(join(downloads, 'talk.ogg')))).toBe(sha256(bytes));
    // Done once: nothing is left to resume.
    await expect(bob.handlers['transfer.resume']({ id: offer.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('bob’s network breaks midway; once he is back, his core asks for the rest by itself and only the rest travels', async () => {
    const network = await relay();
    const { alice, bob, bytes, token } = await pairWithFile('lecture.ogg', 1_200_000, { bob: { port: network.port, autoResume: { backoffMs: 300 } } });
    const { sent, offer } = await sendAccepted(alice, bob, token);
    await until(() => ((latest(bob, offer.id)?.done ?? 0) > 600_000 ? true : undefined), 'half has arrived', 30_000);
    network.drop();
    const before = network.received();

    const interrupted = await until(() => finished(bob, offer.id), 'bob’s transfer stops');
    expect(interrupted).toMatchObject({ state: 'failed', resumable: true });
    const offset = interrupted.done;
    expect(offset).toBeGreaterThan(600_000);
    expect(offset).toBeLessThan(bytes.length);

    // No transfer.resume: bob's core asks alice's for the rest once both are online again.
    expect(await until(() => finished(bob, offer.id)?.state === 'done' ? finished(bob, offer.id) : undefined, 'the transfer ends by itself', 60_000)).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => (finished(alice, sent.id)?.state === 'done' ? finished(alice, sent.id) : undefined), 'alice’s side ends')).toMatchObject({ state: 'done', done: bytes.length });
    const again = updates(bob, offer.id).slice(updates(bob, offer.id).findLastIndex((transfer) => transfer.state === 'pending'));
    expect(again[0]).toMatchObject({ state: 'pending', done: offset });
    expect(again.every((transfer) => transfer.done >= offset)).toBe(true);
    // Alice's row went on from the same offset (she served the range, XEP-0234 §6.4).
    const served = updates(alice, sent.id).slice(updates(alice, sent.id).findLastIndex((transfer) => transfer.state === 'pending'));
    expect(served[0]).toMatchObject({ state: 'pending', done: offset });
    // Only the rest travelled to bob after the cut: in band, base64 (4/3) and the stanzas around it, far below the whole file's.
    const after = network.received() - before;
    expect(after).toBeGreaterThan(((bytes.length - offset) * 4) / 3);
    expect(after).toBeLessThan(((bytes.length - offset) * 4 * 1.2) / 3 + 200_000);
    const downloads = join(bob.profile, 'Downloads');
    expect(readdirSync(downloads)).toEqual(['lecture.ogg']);
    expect(sha256(readFileSync(join(downloads, 'lecture.ogg')))).toBe(sha256(bytes));
  });

  it('on a server without stream management, bob comes back in a new session (not a resumed one) and his core asks for the rest by itself', async () => {
    const network = await relay(noResumption);
    const { alice, bob, bytes, token } = await pairWithFile('fresh.ogg', 1_200_000, { on: freshHarness, bob: { port: network.port, autoResume: { backoffMs: 300 } } });
    const sessions = () => eventsNamed(bob, 'account.updated').flatMap((account) => (account.connection.status === 'online' ? [account.connection] : []));

    const { sent, offer } = await sendAccepted(alice, bob, token);
    await until(() => ((latest(bob, offer.id)?.done ?? 0) > 600_000 ? true : undefined), 'half has arrived', 30_000);
    const onlineBefore = sessions().length;
    network.drop();
    const interrupted = await until(() => finished(bob, offer.id), 'bob’s transfer stops');
    expect(interrupted).toMatchObject({ state: 'failed', resumable: true });
    const offset = interrupted.done;

    expect(await until(() => (finished(bob, offer.id)?.state === 'done' ? finished(bob, offer.id) : undefined), 'the transfer ends by itself', 60_000)).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => (finished(alice, sent.id)?.state === 'done' ? finished(alice, sent.id) : undefined), 'alice’s side ends')).toMatchObject({ state: 'done', done: bytes.length });
    // Bob came back online in between in a session of its own: the server offers no resumption (XEP-0198 absent).
    const after = sessions().slice(onlineBefore);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((session) => !session.resumed)).toBe(true);
    const again = updates(bob, offer.id).slice(updates(bob, offer.id).findLastIndex((transfer) => transfer.state === 'pending'));
    expect(again[0]).toMatchObject({ state: 'pending', done: offset });
    expect(sha256(readFileSync(join(bob.profile, 'Downloads', 'fresh.ogg')))).toBe(sha256(bytes));
  });

  it('alice’s network breaks while she sends; bob’s core asks for the rest by itself once she is back', async () => {
    const network = await relay();
    const { alice, bob, bytes, token } = await pairWithFile('slides.pdf', 1_200_000, { alice: { port: network.port }, bob: { autoResume: { backoffMs: 300 } } });
    const { sent, offer } = await sendAccepted(alice, bob, token);
    await until(() => ((latest(bob, offer.id)?.done ?? 0) > 400_000 ? true : undefined), 'a part has arrived', 30_000);
    network.drop();

    // Alice, the sender, never acts: bob's request brings her transfer back, from where his bytes end.
    expect(await until(() => (finished(bob, offer.id)?.state === 'done' ? finished(bob, offer.id) : undefined), 'the transfer ends by itself', 90_000)).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => (finished(alice, sent.id)?.state === 'done' ? finished(alice, sent.id) : undefined), 'alice’s side ends')).toMatchObject({ state: 'done', done: bytes.length });
    const broken = updates(bob, offer.id).find((transfer) => transfer.state === 'failed');
    expect(broken).toMatchObject({ resumable: true });
    const again = updates(bob, offer.id).slice(updates(bob, offer.id).findLastIndex((transfer) => transfer.state === 'pending'));
    expect(again[0]?.done).toBeGreaterThan(0);
    expect(sha256(readFileSync(join(bob.profile, 'Downloads', 'slides.pdf')))).toBe(sha256(bytes));
  }, 120_000);

  it('on a server without stream management, alice’s cut is heard at once: bob’s transfer stops resumable as she goes offline, and goes on by itself once she is back', async () => {
    const network = await relay(noResumption);
    const { alice, bob, bytes, token } = await pairWithFile('minutes.odt', 1_200_000, { on: freshHarness, alice: { port: network.port }, bob: { autoResume: { backoffMs: 300 } } });
    const { sent, offer } = await sendAccepted(alice, bob, token);
    await until(() => ((latest(bob, offer.id)?.done ?? 0) > 400_000 ? true : undefined), 'a part has arrived', 30_000);
    network.drop();

    // Her unavailable presence (RFC 6121 §4.5.3) ends the in-band session: no minute of silence waited for.
    const interrupted = await until(() => finished(bob, offer.id), 'bob’s transfer stops', 10_000);
    expect(interrupted).toMatchObject({ state: 'failed', resumable: true, error: { code: 'transfer-failed', params: { context: 'peerOffline' } } });
    expect(interrupted.done).toBeLessThan(bytes.length);
    expect(await until(() => (finished(bob, offer.id)?.state === 'done' ? finished(bob, offer.id) : undefined), 'the transfer ends by itself', 60_000)).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => (finished(alice, sent.id)?.state === 'done' ? finished(alice, sent.id) : undefined), 'alice’s side ends')).toMatchObject({ state: 'done', done: bytes.length });
    expect(sha256(readFileSync(join(bob.profile, 'Downloads', 'minutes.odt')))).toBe(sha256(bytes));
  });

  it('an offer to a device that goes offline before answering ends at once, saying so, instead of waiting minutes for an answer', async () => {
    const network = await relay(noResumption);
    const { alice, bob, token } = await pairWithFile('poster.png', 50_000, { on: freshHarness, bob: { port: network.port } });
    const sent = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: token, method: 'jingle' });
    await until(() => eventsNamed(bob, 'transfer.updated').find((transfer) => transfer.direction === 'in' && transfer.state === 'pending'), 'bob is offered the file');
    network.drop();
    expect(await until(() => finished(alice, sent.id), 'alice’s offer ends', 10_000)).toMatchObject({ state: 'failed', error: { params: { context: 'peerOffline' } } });
  });

  it('an interrupted transfer waiting to go on can be cancelled: it never resumes, and its partial bytes go', async () => {
    const network = await relay();
    const { alice, bob, token } = await pairWithFile('draft.pdf', 2_500_000, { bob: { port: network.port, autoResume: { backoffMs: 300 } } });

    await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: token, method: 'jingle' });
    const offer = await until(() => eventsNamed(bob, 'transfer.updated').find((transfer) => transfer.direction === 'in' && transfer.state === 'pending'), 'bob is offered the file');
    await bob.handlers['transfer.accept']({ id: offer.id });
    await until(() => ((latest(bob, offer.id)?.done ?? 0) > 400_000 ? true : undefined), 'a part has arrived', 30_000);
    network.drop();
    expect(await until(() => finished(bob, offer.id), 'bob’s transfer stops')).toMatchObject({ state: 'failed', resumable: true });

    expect(await bob.handlers['transfer.cancel']({ id: offer.id })).toBe(true);
    expect(latest(bob, offer.id)).toMatchObject({ state: 'cancelled' });
    const seen = updates(bob, offer.id).length;
    await harness.waitOnline(bob);
    await until(async () => ((await bob.contact(alice.jid))?.show !== 'offline' ? true : undefined), 'bob sees alice online again');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(latest(bob, offer.id)).toMatchObject({ state: 'cancelled' });
    // Nothing happened to it since: no automatic attempt.
    expect(updates(bob, offer.id)).toHaveLength(seen);
    expect(readdirSync(join(bob.profile, 'Downloads'))).toEqual([]);
    await expect(bob.handlers['transfer.resume']({ id: offer.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('bob’s app closes midway; reopened, it lists the transfer as resumable and transfer.resume brings the rest', async () => {
    const { alice, bob, bobJid, bytes, token } = await pairWithFile('notes.tar', 2_500_000);
    const { sent, offer } = await sendAccepted(alice, bob, token);
    await until(() => ((latest(bob, offer.id)?.done ?? 0) > 400_000 ? true : undefined), 'a part has arrived', 30_000);
    await harness.close(bob);
    await until(() => finished(alice, sent.id), 'alice’s transfer stops', 70_000);

    const reopened = await harness.signIn(bobJid, { profile: bob.profile });
    const listed = (await reopened.handlers['transfer.list']({})).find((transfer) => transfer.id === offer.id);
    expect(listed).toMatchObject({ state: 'failed', resumable: true, direction: 'in', name: 'notes.tar', size: bytes.length, peer: alice.jid });
    const offset = listed?.done ?? 0;
    expect(offset).toBeGreaterThan(400_000);
    await until(async () => ((await reopened.contact(alice.jid))?.show !== 'offline' ? true : undefined), 'bob sees alice online again');

    expect(await reopened.handlers['transfer.resume']({ id: offer.id })).toBe(true);
    expect(await until(() => finished(reopened, offer.id), 'the resumed transfer ends', 30_000)).toMatchObject({ state: 'done', done: bytes.length });
    expect(await until(() => finished(alice, sent.id), 'alice’s side ends')).toMatchObject({ state: 'done', done: bytes.length });
    expect(updates(reopened, offer.id).every((transfer) => transfer.done >= offset)).toBe(true);
    const downloads = join(bob.profile, 'Downloads');
    expect(readdirSync(downloads)).toEqual(['notes.tar']);
    expect(sha256(readFileSync(join(downloads, 'notes.tar')))).toBe(sha256(bytes));
  });
});
