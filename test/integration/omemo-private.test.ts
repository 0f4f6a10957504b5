// OMEMO 0.3 in private messages through a room (XEP-0045 §7.5 with XEP-0384, as Conversations does) between two Causette
// cores on the harness Prosody: in a members-only room whose members' addresses show, a private message goes encrypted
// for the occupant's real JID's devices and ours, and decrypts there with that JID's device recorded; the server's store
// holds no plaintext; to an occupant whose real JID is not known it is refused with a typed reason, never sent in the clear.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { roomAddress } from './muc-harness.ts';
import { createHarness, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn } = harness;

beforeAll(async () => {
  server = await startProsody();
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const history = async (core: TestCore, peer: string): Promise<Message[]> => (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;
const found = (core: TestCore, peer: string, test: (message: Message) => boolean, what: string) =>
  until(async () => (await history(core, peer)).find(test), `${what} at ${core.accountId}`, 20_000);
const deviceOf = async (core: TestCore) => (await core.handlers['omemo.devices']({ accountId: core.accountId, jid: core.jid })).own.deviceId;

/** Everything Prosody keeps on disk (the archives among it), as text. */
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

describe('OMEMO in private messages through a room', () => {
  it('encrypts a private message for the occupant’s real JID, both ways; refuses one whose real JID is unknown', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const room = roomAddress(server, 'secret');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private', name: 'Secret plans' });
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'member' });
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });
    await until(async () => (await alice.handlers['muc.occupants']({ accountId: alice.accountId, room })).some((occupant) => occupant.nick === 'Bob' && occupant.jid !== undefined), 'bob in alice’s room');
    const [aliceDevice, bobDevice] = await Promise.all([deviceOf(alice), deviceOf(bob)]);

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: `${room}/Bob`, body: 'only for bob' });
    expect(await found(alice, `${room}/Bob`, (message) => message.id === sent.id && message.state !== 'pending', 'alice’s private message')).toMatchObject({ encrypted: true, state: 'sent' });
    expect(await found(bob, `${room}/Alice`, (message) => message.body === 'only for bob', 'the private message')).toMatchObject({
      kind: 'private',
      direction: 'in',
      encrypted: true,
      senderDevice: aliceDevice,
      sender: { nick: 'Alice', jid: aliceJid },
    });
    await bob.handlers['chat.send']({ accountId: bob.accountId, peer: `${room}/Alice`, body: 'only for alice' });
    expect(await found(alice, `${room}/Bob`, (message) => message.body === 'only for alice', 'bob’s answer')).toMatchObject({
      encrypted: true,
      senderDevice: bobDevice,
      sender: { nick: 'Bob', jid: bobJid },
    });
    const stored = serverStore();
    // The archives kept the private messages, encrypted: their fallback text, never what was said.
    expect(stored).toContain('I sent you an OMEMO encrypted message');
    for (const secret of ['only for bob', 'only for alice']) expect(stored).not.toContain(secret);

    // Nobody by that nickname is in the room: whose devices to encrypt for is not known, and nothing goes out.
    const refused = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: `${room}/Ghost`, body: 'who are you' });
    const failed = await found(alice, `${room}/Ghost`, (message) => message.id === refused.id && message.state === 'failed', 'the refusal');
    expect(failed.failure).toEqual({ code: 'encryption-unavailable', params: { context: 'privateUnknownJid', jid: room, room, nick: 'Ghost' } });
    expect(serverStore()).not.toContain('who are you');

    // With the room's encryption off, its private messages go in the clear, as its messages do.
    await alice.handlers['omemo.setEncryption']({ accountId: alice.accountId, peer: room, on: false });
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: `${room}/Bob`, body: 'said plainly' });
    expect(await found(bob, `${room}/Alice`, (message) => message.body === 'said plainly', 'the plain one')).not.toHaveProperty('encrypted', true);
  });
});
