// One-to-one chat between cores on the harness Prosody: delivery states, conversation features, and an outbox that
// survives a cut connection and a killed process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { NS_MARKERS, NS_SID } from '../../electron/core/xmpp/chat/chat-stanzas.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startTcpProxy, type TcpProxy } from '../server/tcp-proxy.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
let proxy: TcpProxy;
const harness = createHarness(() => server);
const { users, signIn, close, raw, befriend } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
  proxy = await startTcpProxy(server.host, server.c2sPort);
});
afterEach(() => harness.cleanup());
afterAll(async () => {
  await proxy.close();
  await server.dispose();
});

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;
const bodies = async (core: TestCore, peer: string) => (await history(core, peer)).map((message) => message.body);
const stateOf = async (core: TestCore, peer: string, id: string) => (await history(core, peer)).find((message) => message.id === id)?.state;

describe('one-to-one chat', () => {
  it('alice’s message goes pending → sent → delivered → read as bob receives and reads it', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    // Not contacts: bob's receipts and markers reach alice only when he shares them with everyone and holds no message requests.
    await bob.handlers['settings.update']({ shareChatActivity: 'everyone', holdRequests: false });

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'Hello Bob <b>!</b>' });
    expect(sent).toMatchObject({ direction: 'out', state: 'pending', peer: bobJid, body: 'Hello Bob <b>!</b>', originId: sent.id });

    const received = await until(() => eventsNamed(bob, 'chat.message').find((event) => event.message.peer === aliceJid)?.message, 'bob receives');
    expect(received).toMatchObject({ direction: 'in', state: 'received', body: 'Hello Bob <b>!</b>', originId: sent.id, remoteId: sent.id });
    // XEP-0198 ack, then the XEP-0184 receipt from bob's device.
    await until(async () => (await stateOf(alice, bobJid, sent.id)) === 'delivered', 'delivered');
    const states = eventsNamed(alice, 'chat.message').map((event) => event.message.state);
    expect(states.slice(0, 1)).toEqual(['pending']);
    expect(states).toContain('delivered');

    const [conversation] = await bob.handlers['chat.conversations']({ accountId: bob.accountId });
    expect(conversation).toMatchObject({ peer: aliceJid, unread: 1, firstUnreadId: received.id, muted: false, lastMessage: { body: 'Hello Bob <b>!</b>', direction: 'in' } });
    await bob.handlers['chat.markRead']({ accountId: bob.accountId, peer: aliceJid });
    // XEP-0333: bob's displayed marker turns alice's message read.
    await until(async () => (await stateOf(alice, bobJid, sent.id)) === 'read', 'read');
    await until(() => eventsNamed(bob, 'chat.conversation').find((event) => event.conversation.peer === aliceJid && event.conversation.unread === 0), 'bob’s unread back to 0');
    expect((await bob.handlers['chat.conversations']({ accountId: bob.accountId }))[0]?.unread).toBe(0);
  });

  it('history survives a restart of the core', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await bob.handlers['settings.update']({ shareChatActivity: 'everyone', holdRequests: false });
    const one = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'one' });
    const two = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'two' });
    await until(async () => (await bodies(bob, aliceJid)).length === 2, 'bob has both');
    await until(async () => (await stateOf(alice, bobJid, two.id)) === 'delivered' && (await stateOf(alice, bobJid, one.id)) === 'delivered', 'delivered');

    await close(bob);
    const again = await signIn(bobJid, { profile: bob.profile });
    expect(await bodies(again, aliceJid)).toEqual(['one', 'two']);
    await close(alice);
    const aliceAgain = await signIn(aliceJid, { profile: alice.profile });
    expect((await history(aliceAgain, bobJid)).map((message) => [message.body, message.state])).toEqual([
      ['one', 'delivered'],
      ['two', 'delivered'],
    ]);
  });

  it('a stanza repeated with the same origin-id is stored once', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const bob = await signIn(bobJid);
    const other = await raw(aliceJid, 'other');
    const stanza = () => xml('message', { type: 'chat', to: bobJid, id: 'm1' }, xml('body', {}, 'only once'), xml('origin-id', { xmlns: NS_SID, id: 'origin-1' }));
    await other.send(stanza());
    await other.send(stanza());
    await other.send(xml('message', { type: 'chat', to: bobJid, id: 'm2' }, xml('body', {}, 'after')));
    await until(async () => (await bodies(bob, aliceJid)).includes('after'), 'the last message');
    expect(await bodies(bob, aliceJid)).toEqual(['only once', 'after']);
    expect(eventsNamed(bob, 'chat.message')).toHaveLength(2);
  });

  it('corrections, replies, reactions and retractions reach the other side', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const first = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'Lunch at noom?' });
    const atBob = await until(async () => (await history(bob, aliceJid)).find((message) => message.originId === first.id), 'bob has it');

    await alice.handlers['chat.correct']({ accountId: alice.accountId, messageId: first.id, body: 'Lunch at noon?' });
    await until(async () => (await history(bob, aliceJid)).find((message) => message.id === atBob.id)?.body === 'Lunch at noon?', 'the correction');
    expect((await history(bob, aliceJid)).find((message) => message.id === atBob.id)?.correctedAt).toBeTypeOf('number');
    expect(await bodies(bob, aliceJid)).toEqual(['Lunch at noon?']);

    const reply = await bob.handlers['chat.send']({ accountId: bob.accountId, peer: aliceJid, body: 'Yes!', replyTo: atBob.id });
    expect(reply.replyTo).toMatchObject({ messageId: atBob.id, quote: 'Lunch at noon?' });
    const replyAtAlice = await until(async () => (await history(alice, bobJid)).find((message) => message.originId === reply.id), 'the reply');
    // The quoted fallback is not part of the text; the quote points at alice's own message.
    expect(replyAtAlice).toMatchObject({ body: 'Yes!', replyTo: { messageId: first.id, direction: 'out' } });

    await alice.handlers['chat.react']({ accountId: alice.accountId, messageId: replyAtAlice.id, emojis: ['👍', '🎉'] });
    await until(async () => (await history(bob, aliceJid)).find((message) => message.id === reply.id)?.reactions?.length === 2, 'reactions');
    expect((await history(bob, aliceJid)).find((message) => message.id === reply.id)?.reactions).toEqual([
      { emoji: '👍', senders: [aliceJid] },
      { emoji: '🎉', senders: [aliceJid] },
    ]);
    await alice.handlers['chat.react']({ accountId: alice.accountId, messageId: replyAtAlice.id, emojis: [] });
    await until(async () => (await history(bob, aliceJid)).find((message) => message.id === reply.id)?.reactions === undefined, 'reactions removed');

    await alice.handlers['chat.retract']({ accountId: alice.accountId, messageId: first.id });
    await until(async () => (await history(bob, aliceJid)).find((message) => message.id === atBob.id)?.retracted === true, 'the retraction');
    expect((await history(bob, aliceJid)).find((message) => message.id === atBob.id)?.body).toBe('');
    // Bob cannot edit or retract alice's message.
    await expect(bob.handlers['chat.retract']({ accountId: bob.accountId, messageId: atBob.id })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('bob sees alice typing, then pausing, then her message', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await alice.handlers['settings.update']({ shareChatActivity: 'everyone' });
    await alice.handlers['chat.typing']({ accountId: alice.accountId, peer: bobJid, state: 'composing' });
    await until(() => eventsNamed(bob, 'chat.typing').find((event) => event.peer === aliceJid && event.state === 'composing'), 'composing');
    await alice.handlers['chat.typing']({ accountId: alice.accountId, peer: bobJid, state: 'paused' });
    await until(() => eventsNamed(bob, 'chat.typing').find((event) => event.state === 'paused'), 'paused');
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'there' });
    await until(() => eventsNamed(bob, 'chat.typing').find((event) => event.state === 'active'), 'active with the message');
    expect(eventsNamed(bob, 'chat.typing').map((event) => event.state)).toEqual(['composing', 'paused', 'active']);
    // Chat states are not messages.
    expect(await bodies(bob, aliceJid)).toEqual(['there']);
  });

  it('with receipts for contacts only, a stranger gets none until they may see our presence (XEP-0184 §8)', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await bob.handlers['settings.update']({ shareChatActivity: 'contacts' });
    const first = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'who are you?' });
    await until(async () => (await bodies(bob, aliceJid)).includes('who are you?'), 'bob has it');
    await until(async () => (await stateOf(alice, bobJid, first.id)) === 'sent', 'acknowledged by the server');
    // Bob writes back after storing hers: a receipt would have reached alice before his message.
    await bob.handlers['chat.send']({ accountId: bob.accountId, peer: aliceJid, body: 'a stranger here' });
    await until(async () => (await bodies(alice, bobJid)).includes('a stranger here'), 'bob’s answer at alice');
    expect(await stateOf(alice, bobJid, first.id)).toBe('sent');

    await befriend(alice, bob);
    const second = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'friends now' });
    await until(async () => (await stateOf(alice, bobJid, second.id)) === 'delivered', 'delivered to a contact');
  });

  it('an error from the server marks the message failed with its text, and retry sends it again', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    const nobody = `nobody@${server.domain}`;
    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: nobody, body: 'anyone there?' });
    const failed = await until(async () => (await history(alice, nobody)).find((message) => message.id === sent.id && message.state === 'failed'), 'failed');
    expect(failed.error).toMatch(/\S/);
    const retried = await alice.handlers['chat.retry']({ accountId: alice.accountId, messageId: sent.id });
    expect(retried.state).toBe('pending');
    await until(async () => (await stateOf(alice, nobody, sent.id)) === 'failed', 'failed again');
  });
});

describe('messages that did not go out', () => {
  it('a failed message stays failed when a later one is read, and an error naming a read message does not fail it', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    const bob = await raw(bobJid, 'phone');
    const got: Element[] = [];
    bob.onStanza((stanza) => void (stanza.name === 'message' && stanza.getChildText('body') !== null && got.push(stanza)));
    await bob.send(xml('presence'));
    // XEP-0191 §3.3: bob blocks alice on his server, which bounces what she sends.
    const blockItem = xml('item', { jid: aliceJid });
    await bob.iq(xml('iq', { type: 'set' }, xml('block', { xmlns: 'urn:xmpp:blocking' }, blockItem)));
    const lost = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'while blocked' });
    await until(async () => (await stateOf(alice, bobJid, lost.id)) === 'failed', 'the bounce');
    await bob.iq(xml('iq', { type: 'set' }, xml('unblock', { xmlns: 'urn:xmpp:blocking' }, xml('item', { jid: aliceJid }))));

    const next = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'after unblocking' });
    const arrived = await until(() => got.find((stanza) => stanza.getChildText('body') === 'after unblocking'), 'bob gets the next one');
    // XEP-0333 §4: bob displayed it, which covers every earlier message that went out.
    await bob.send(xml('message', { type: 'chat', to: aliceJid, id: 'seen-1' }, xml('displayed', { xmlns: NS_MARKERS, id: arrived.attrs.id })));
    await until(async () => (await stateOf(alice, bobJid, next.id)) === 'read', 'the next one read');
    const stillLost = (await history(alice, bobJid)).find((message) => message.id === lost.id);
    expect(stillLost?.state).toBe('failed');
    expect(stillLost?.error).toMatch(/\S/);

    // An error bounce naming a message bob displayed cannot undo that; a marker stanza after it shows it was handled.
    const stanzaError = xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }));
    await bob.send(xml('message', { type: 'error', to: aliceJid, id: arrived.attrs.id }, stanzaError));
    await bob.send(xml('message', { type: 'chat', to: aliceJid, id: 'after-error' }, xml('body', {}, 'still here')));
    await until(async () => (await history(alice, bobJid)).some((message) => message.body === 'still here'), 'the message after the error');
    expect(await stateOf(alice, bobJid, next.id)).toBe('read');
  });
});

describe('read state across devices', () => {
  it('reading a chat on one device marks it read on the other (XEP-0490), without any marker to the sender', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [laptop, desktop] = await Promise.all([signIn(aliceJid), signIn(aliceJid)]);
    // A plain message that asks for no markers: only the PEP node can carry the read state.
    const bob = await raw(bobJid, 'plain');
    await bob.send(xml('message', { type: 'chat', to: aliceJid, id: 'plain-1' }, xml('body', {}, 'seen anywhere?')));
    const unreadOn = async (core: TestCore) => (await core.handlers['chat.conversations']({ accountId: core.accountId })).find((c) => c.peer === bobJid)?.unread;
    await until(async () => (await unreadOn(laptop)) === 1 && (await unreadOn(desktop)) === 1, 'both devices have it, unread');
    expect((await history(laptop, bobJid))[0]?.stanzaId).toBeTypeOf('string');

    await laptop.handlers['chat.markRead']({ accountId: laptop.accountId, peer: bobJid });
    await until(async () => (await unreadOn(desktop)) === 0, 'read on the desktop too');
    await until(() => eventsNamed(desktop, 'chat.conversation').find((event) => event.conversation.peer === bobJid && event.conversation.unread === 0), 'the delta');
  });

  it('a chat read on another device while this one was away is read here once the catch-up has brought it (XEP-0490 §5)', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [laptop, desktop] = await Promise.all([signIn(aliceJid), signIn(aliceJid)]);
    await laptop.handlers['account.disconnect']({ accountId: laptop.accountId });
    const bob = await raw(bobJid, 'plain');
    await bob.send(xml('message', { type: 'chat', to: aliceJid, id: 'away-1' }, xml('body', {}, 'read while the laptop was off')));
    const unreadOn = async (core: TestCore) => (await core.handlers['chat.conversations']({ accountId: core.accountId })).find((c) => c.peer === bobJid)?.unread;
    await until(async () => (await unreadOn(desktop)) === 1, 'the desktop has it, unread');
    await desktop.handlers['chat.markRead']({ accountId: desktop.accountId, peer: bobJid });
    // The read state is in our PEP node, pointing at the message's archive id, before the laptop comes back.
    const stanzaId = (await history(desktop, bobJid))[0]?.stanzaId;
    expect(stanzaId).toBeTypeOf('string');
    const probe = await raw(aliceJid, 'probe');
    const displayedId = async () => {
      const items = await probe.iq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:mds:displayed:0' }))));
      return items.getChild('pubsub')?.getChild('items')?.getChildren('item').find((each) => each.attrs.id === bobJid)?.getChild('displayed')?.getChild('stanza-id')?.attrs.id;
    };
    await until(async () => (await displayedId()) === stanzaId, 'the desktop published it');

    const sinceBack = eventsNamed(laptop, 'chat.archiveSync').length;
    await laptop.handlers['account.connect']({ accountId: laptop.accountId });
    await until(() => eventsNamed(laptop, 'chat.archiveSync').slice(sinceBack).find((event) => event.sync.status === 'idle'), 'the laptop caught up');
    expect((await history(laptop, bobJid)).map((message) => message.stanzaId)).toEqual([stanzaId]);
    await until(async () => (await unreadOn(laptop)) === 0, 'read on the laptop as well');
  });
});

describe('the outbox', () => {
  it('messages written while the connection is cut are pending, then reach bob exactly once and in order', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid, { port: proxy.port }), signIn(bobJid)]);
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'before' });
    await until(async () => (await bodies(bob, aliceJid)).length === 1, 'the first message');

    proxy.pause();
    proxy.cutAll();
    await until(async () => (await alice.handlers['app.snapshot']({})).accounts[0]?.connection.status === 'reconnecting', 'alice cut off');
    const written: Message[] = [];
    for (const body of ['one', 'two', 'three']) written.push(await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body }));
    expect(written.map((message) => message.state)).toEqual(['pending', 'pending', 'pending']);
    proxy.resume();

    await until(async () => (await bodies(bob, aliceJid)).length === 4, 'three more', 30_000);
    await until(async () => (await history(alice, bobJid)).every((message) => message.state !== 'pending'), 'all sent');
    // A message written now goes out after any repeat of the three would have.
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'after' });
    await until(async () => (await bodies(bob, aliceJid)).includes('after'), 'the later message');
    expect(await bodies(bob, aliceJid)).toEqual(['before', 'one', 'two', 'three', 'after']);
  });

  it('a message written while signed out waits, pending, and goes out at the next sign-in', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await alice.handlers['account.disconnect']({ accountId: alice.accountId });
    const waiting = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'later' });
    expect(waiting.state).toBe('pending');
    await alice.handlers['account.connect']({ accountId: alice.accountId });
    await until(async () => (await bodies(bob, aliceJid)).includes('later'), 'bob gets it');
    await until(async () => (await stateOf(alice, bobJid, waiting.id)) !== 'pending', 'no longer pending');
  });

  it('a core killed with a pending message sends it exactly once after restart', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const bob = await signIn(bobJid);
    const alice = await signIn(aliceJid, { port: proxy.port });
    await close(alice);
    const caFile = join(alice.profile, 'ca.pem');
    writeFileSync(caFile, server.caPem);

    const child = spawn(process.execPath, [join(import.meta.dirname, '../support/core-process.ts'), alice.profile, caFile], { stdio: 'pipe' });
    const lines = readLines(child);
    try {
      const { ready } = (await lines.next()) as { ready: string };
      await until(async () => ((await lines.call({ command: 'app.snapshot', request: {} })) as { accounts: { connection: { status: string } }[] }).accounts[0]?.connection.status === 'online', 'the child online');
      // The outbox is what is tested here: unencrypted, as two Causettes would otherwise talk OMEMO by default.
      await lines.call({ command: 'omemo.setEncryption', request: { accountId: ready, peer: bobJid, on: false } });
      proxy.pause();
      proxy.cutAll();
      const stored = (await lines.call({ command: 'chat.send', request: { accountId: ready, peer: bobJid, body: 'survives a crash' } })) as Message;
      expect(stored.state).toBe('pending');
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    proxy.resume();

    const again = await signIn(aliceJid, { profile: alice.profile });
    await until(async () => (await bodies(bob, aliceJid)).includes('survives a crash'), 'bob gets it', 20_000);
    await until(async () => (await history(again, bobJid))[0]?.state !== 'pending', 'sent after the restart');
    await close(again);
    const third = await signIn(aliceJid, { profile: alice.profile });
    // Sent after this sign-in's outbox flush: a repeat of the first would arrive before it.
    await third.handlers['chat.send']({ accountId: third.accountId, peer: bobJid, body: 'after the restarts' });
    await until(async () => (await bodies(bob, aliceJid)).includes('after the restarts'), 'the later message');
    expect(await bodies(bob, aliceJid)).toEqual(['survives a crash', 'after the restarts']);
  });
});

/** JSON lines from the child core: the next one, or a command's answer. */
function readLines(child: ChildProcessWithoutNullStreams) {
  const queue: unknown[] = [];
  const waiters: ((value: unknown) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const value: unknown = JSON.parse(line);
    const waiter = waiters.shift();
    if (waiter) waiter(value);
    else queue.push(value);
  });
  const next = (): Promise<unknown> => {
    if (queue.length > 0) return Promise.resolve(queue.shift());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the child core did not answer')), 20_000);
      waiters.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  };
  return {
    next,
    async call(request: { command: string; request: unknown }): Promise<unknown> {
      child.stdin.write(`${JSON.stringify(request)}\n`);
      const answer = (await next()) as { response?: unknown; error?: string };
      if (answer.error !== undefined) throw new Error(answer.error);
      return answer.response;
    },
  };
}
