// OMEMO 0.3 in group chats (XEP-0384 in a members-only, non-anonymous XEP-0045 room) between three Causette cores on the
// harness Prosody: each decrypts the others, live and from the room's archive, our own echo reads as sent, the room's archive
// on disk holds no plaintext; a member without trusted devices fails the message by name; a room open to anyone refuses
// encryption with a typed error and speaks in the clear (issue 12, point 4).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { refusal, roomAddress } from './muc-harness.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, close } = harness;

beforeAll(async () => {
  server = await startProsody();
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const history = async (core: TestCore, room: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer: room, limit: 50 })).messages;
const said = (core: TestCore, room: string, body: string) => until(async () => (await history(core, room)).find((message) => message.body === body), `${body} at ${core.accountId}`, 20_000);
const encryption = (core: TestCore, room: string) => core.handlers['omemo.encryption']({ accountId: core.accountId, peer: room });

/** Everything Prosody keeps on disk (internal storage: the room's archive among it), as text. */
function serverStore(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(server.dataDir, 'data'));
  return files.join('\n');
}

/** alice's private room (members-only, real JIDs seen by all) with `members` made members and joined. */
async function privateRoom(alice: TestCore, members: readonly { core: TestCore; jid: string; nick: string }[]): Promise<string> {
  const room = roomAddress(server, 'secret');
  await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private', name: 'Secret plans' });
  for (const { core, jid, nick } of members) {
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid, affiliation: 'member' });
    await core.handlers['muc.join']({ accountId: core.accountId, room, nick });
  }
  return room;
}

describe('OMEMO in a members-only room', () => {
  it('three cores decrypt each other, live and from the room’s archive; the archive on disk holds no plaintext', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const [alice, bob, carol] = await Promise.all([signIn(aliceJid), signIn(bobJid), signIn(carolJid)]);
    const room = await privateRoom(alice, [{ core: bob, jid: bobJid, nick: 'Bob' }]);
    for (const core of [alice, bob]) expect(await encryption(core, room)).toEqual({ peer: room, on: true, chosen: false, available: true });

    const sent = await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'the plan is ready' });
    expect(await said(bob, room, 'the plan is ready')).toMatchObject({ encrypted: true, direction: 'in', sender: { nick: 'Alice' } });
    // The room's echo of alice's own message (no key for her sending device) reads as sent, and as encrypted.
    const own = await until(async () => (await history(alice, room)).find((message) => message.id === sent.id && message.state === 'sent'), 'alice’s echo');
    expect(own).toMatchObject({ encrypted: true, body: 'the plan is ready' });
    expect((await history(alice, room)).filter((message) => message.body === 'the plan is ready')).toHaveLength(1);

    // carol becomes a member later: alice's and bob's lists of members follow (her affiliation, then her arrival).
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: carolJid, affiliation: 'member' });
    await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' });
    expect(await encryption(carol, room)).toEqual({ peer: room, on: true, chosen: false, available: true });

    await bob.handlers['muc.send']({ accountId: bob.accountId, room, body: 'bob agrees' });
    await carol.handlers['muc.send']({ accountId: carol.accountId, room, body: 'carol too' });
    // Each is recorded with the sender's real JID and device, whose trust the message's lock follows.
    const deviceOf = async (core: TestCore, jid: string) => (await core.handlers['omemo.devices']({ accountId: core.accountId, jid })).own.deviceId;
    const [bobDevice, carolDevice] = await Promise.all([deviceOf(bob, bobJid), deviceOf(carol, carolJid)]);
    for (const core of [alice, carol]) expect(await said(core, room, 'bob agrees')).toMatchObject({ encrypted: true, sender: { nick: 'Bob', jid: bobJid }, senderDevice: bobDevice });
    for (const core of [alice, bob]) expect(await said(core, room, 'carol too')).toMatchObject({ encrypted: true, sender: { nick: 'Carol', jid: carolJid }, senderDevice: carolDevice });

    // carol is away: still a member, so encrypted for; she reads it from the room's archive once back in.
    await close(carol);
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'while carol was away' });
    await said(bob, room, 'while carol was away');
    const again = await signIn(carolJid, { profile: carol.profile });
    await again.handlers['muc.join']({ accountId: again.accountId, room, nick: 'Carol' });
    const aliceDevice = await deviceOf(alice, aliceJid);
    expect(await said(again, room, 'while carol was away')).toMatchObject({ encrypted: true, sender: { nick: 'Alice', jid: aliceJid }, senderDevice: aliceDevice });
    // What was said before she was a member was not encrypted for her: the archive's copy says so, never the fallback text.
    const unread = (await history(again, room)).filter((message) => message.undecryptable === true);
    expect(unread.map((message) => message.body)).toEqual([expect.stringMatching(/^Could not decrypt this message \(from device \d+\)$/)]);
    expect((await history(again, room)).some((message) => message.body.includes('I sent you an OMEMO'))).toBe(false);

    const stored = serverStore();
    expect(stored).toContain('I sent you an OMEMO encrypted message');
    for (const secret of ['the plan is ready', 'bob agrees', 'carol too', 'while carol was away']) expect(stored).not.toContain(secret);
  });

  it('fails a message, naming them, while a member has no OMEMO devices; sends once they are no member', async () => {
    const [aliceJid = '', bobJid = '', daveJid = ''] = await users('alice', 'bob', 'dave');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const room = await privateRoom(alice, [{ core: bob, jid: bobJid, nick: 'Bob' }]);
    // dave is a member who never used OMEMO (nor joined): the room's member list names him.
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: daveJid, affiliation: 'member' });

    const sent = await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'not for dave' });
    const failed = await until(async () => (await history(alice, room)).find((message) => message.id === sent.id && message.state === 'failed'), 'the message fails');
    expect(failed.error).toBe(`These members of the room have no OMEMO devices you trust: ${daveJid}. The message was not sent.`);
    expect(failed.failure).toEqual({ code: 'encryption-unavailable', params: { context: 'noTrustedMembers', jid: room, room, jids: daveJid } });

    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: daveJid, affiliation: 'none' });
    await alice.handlers['chat.retry']({ accountId: alice.accountId, messageId: sent.id });
    expect(await said(bob, room, 'not for dave')).toMatchObject({ encrypted: true });
    expect(serverStore()).not.toContain('not for dave');
  });
});

describe('OMEMO in other rooms', () => {
  it('a room open to anyone cannot be encrypted in: the switch refuses with a typed error, and messages go in the clear', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const room = roomAddress(server, 'open');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });
    const state = { peer: room, on: false, chosen: false, available: false, reason: 'notMembersOnly' };
    expect(await encryption(alice, room)).toEqual(state);
    expect(eventsNamed(alice, 'omemo.encryption').findLast((event) => event.state.peer === room)?.state).toEqual(state);

    expect(await refusal(alice.handlers['omemo.setEncryption']({ accountId: alice.accountId, peer: room, on: true }))).toMatchObject({
      code: 'encryption-unavailable',
      params: { context: 'notMembersOnly', room },
    });
    expect(await encryption(alice, room)).toEqual(state);
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'hello everyone' });
    expect(await said(bob, room, 'hello everyone')).not.toHaveProperty('encrypted', true);
  });
});
