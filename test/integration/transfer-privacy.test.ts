// XEP-0260 §6.1 through two Causette cores (issue 13 point 9): a peer who is not a contact with a mutual subscription gets
// no direct candidate of ours, only the server's proxy, and each transfer says why; once both users allow the other
// explicitly (transfer.allowDirect, kept in the store), the file goes directly; the directTransfers setting off withholds
// direct candidates even from mutual contacts.
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
const dir = mkdtempSync(join(tmpdir(), 'causette-privacy-'));

beforeAll(async () => {
  server = await startProsody();
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const updates = (core: TestCore, id?: string): Transfer[] => eventsNamed(core, 'transfer.updated').filter((transfer) => id === undefined || transfer.id === id);
const ended = (core: TestCore, id: string) => updates(core, id).find((transfer) => transfer.state === 'done' || transfer.state === 'failed' || transfer.state === 'cancelled');
const offerTo = (core: TestCore, name: string) => updates(core).find((transfer) => transfer.direction === 'in' && transfer.state === 'pending' && transfer.name === name);

/** Alice sees bob's presence (she asked, he approved); bob does not see hers: no mutual subscription. */
async function oneWay(): Promise<[TestCore, TestCore]> {
  const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
  const [alice, bob] = await Promise.all([harness.signIn(aliceJid), harness.signIn(bobJid)]);
  await alice.handlers['roster.add']({ accountId: alice.accountId, jid: bob.jid, groups: [] });
  await until(async () => (await bob.snapshot()).requests.some((request) => request.jid === alice.jid), 'the request');
  await bob.handlers['subscription.approve']({ accountId: bob.accountId, jid: alice.jid, addBack: false });
  await until(async () => (await alice.contact(bob.jid))?.subscription === 'to' && (await alice.contact(bob.jid))?.show !== 'offline', 'alice sees bob');
  return [alice, bob];
}

async function send(alice: TestCore, bob: TestCore, name: string): Promise<{ sent: Transfer; offer: Transfer; out: Transfer; received: Transfer }> {
  const bytes = randomBytes(200_000);
  const path = join(dir, `${randomBytes(4).toString('hex')}-${name}`);
  writeFileSync(path, bytes);
  const { token } = await alice.files.register(path, name);
  const sent = await alice.handlers['transfer.send']({ accountId: alice.accountId, peer: bob.jid, file: token, method: 'jingle' });
  const offer = await until(() => offerTo(bob, name), 'bob is offered the file');
  await bob.handlers['transfer.accept']({ id: offer.id });
  const received = await until(() => ended(bob, offer.id), 'bob’s side ends', 30_000);
  const out = await until(() => ended(alice, sent.id), 'alice’s side ends', 30_000);
  expect(received).toMatchObject({ state: 'done', done: bytes.length });
  expect(readFileSync(join(bob.profile, 'Downloads', name)).equals(bytes)).toBe(true);
  return { sent, offer, out, received };
}

describe('direct transfers and privacy', () => {
  it('offers a peer who is no mutual contact only the proxy, says why, and goes directly once both allow the other', async () => {
    const [alice, bob] = await oneWay();
    const first = await send(alice, bob, 'first.bin');
    // Alice's offer held no direct candidate: her own transfer says proxy from the start, and so does bob's offer.
    expect(first.sent).toMatchObject({ method: 'proxy', directWithheld: 'notMutual' });
    expect(first.offer).toMatchObject({ method: 'proxy', directWithheld: 'notMutual' });
    expect(first.out).toMatchObject({ method: 'proxy', directWithheld: 'notMutual' });
    expect(first.received).toMatchObject({ method: 'proxy', directWithheld: 'notMutual' });

    expect(await alice.handlers['transfer.directAllowed']({ accountId: alice.accountId, peer: bob.jid })).toBe(false);
    expect(await alice.handlers['transfer.allowDirect']({ accountId: alice.accountId, peer: bob.jid, allowed: true })).toBe(true);
    expect(await alice.handlers['transfer.directAllowed']({ accountId: alice.accountId, peer: bob.jid })).toBe(true);
    // Alice now offers her address; bob, who has not allowed alice, neither offers his nor connects to hers.
    const second = await send(alice, bob, 'second.bin');
    expect(second.sent.method).toBe('direct');
    expect(second.sent.directWithheld).toBeUndefined();
    expect(second.offer).toMatchObject({ method: 'proxy', directWithheld: 'notMutual' });
    expect(second.out.method).toBe('proxy');

    await bob.handlers['transfer.allowDirect']({ accountId: bob.accountId, peer: alice.jid, allowed: true });
    const third = await send(alice, bob, 'third.bin');
    expect(third.out.method).toBe('direct');
    expect(third.received.method).toBe('direct');
    expect(third.received.directWithheld).toBeUndefined();

    // Taken back: the proxy again.
    await alice.handlers['transfer.allowDirect']({ accountId: alice.accountId, peer: bob.jid, allowed: false });
    const fourth = await send(alice, bob, 'fourth.bin');
    expect(fourth.sent).toMatchObject({ method: 'proxy', directWithheld: 'notMutual' });
  }, 120_000);

  it('keeps the choice after a restart, and refuses an address that is none', async () => {
    const [aliceJid = ''] = await harness.users('alice');
    const alice = await harness.signIn(aliceJid);
    await alice.handlers['transfer.allowDirect']({ accountId: alice.accountId, peer: 'Stranger@Example.org', allowed: true });
    const profile = alice.profile;
    await harness.close(alice);
    const again = await harness.signIn(aliceJid, { profile });
    expect(await again.handlers['transfer.directAllowed']({ accountId: again.accountId, peer: 'stranger@example.org' })).toBe(true);
    await expect(again.handlers['transfer.allowDirect']({ accountId: again.accountId, peer: 'not an address@', allowed: true })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('withholds direct candidates from a mutual contact when the setting is off, and says so', async () => {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const [alice, bob] = await Promise.all([harness.signIn(aliceJid), harness.signIn(bobJid)]);
    await harness.befriend(alice, bob);
    await alice.handlers['settings.update']({ directTransfers: false });
    const { sent, out, received } = await send(alice, bob, 'setting.bin');
    expect(sent).toMatchObject({ method: 'proxy', directWithheld: 'setting' });
    expect(out.method).toBe('proxy');
    // Bob may offer his own address to a mutual contact, but alice does not connect to it.
    expect(received.directWithheld).toBeUndefined();
    expect(received.method).toBe('proxy');
  }, 60_000);
});
