// MUC self-ping (XEP-0410) on the harness Prosody: a quiet room is asked whether we are still in, and a room that forgot us
// silently (a harness-only module does what a restarted room service does) is joined again without the user.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn } = harness;

beforeAll(async () => {
  server = await startProsody({ pluginPaths: [fileURLToPath(new URL('../server/modules', import.meta.url))], extraModules: ['test_muc_forget'] });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const bodies = async (core: TestCore, room: string) => (await core.handlers['chat.history']({ accountId: core.accountId, peer: room, limit: 100 })).messages.map((message) => message.body);
const joinings = (core: TestCore, room: string) => eventsNamed(core, 'muc.room').filter((event) => event.room.jid === room && event.room.state === 'joining').length;

describe('MUC self-ping (XEP-0410)', () => {
  it('stays in a quiet room that still knows us, and joins again by itself once the room has forgotten us', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const [alice, carol] = await Promise.all([signIn(aliceJid, { mucSelfPingIdleMs: 300 }), signIn(carolJid)]);
    const room = `pinged-${randomUUID().slice(0, 8)}@conference.${server.domain}`;
    await carol.handlers['muc.create']({ accountId: carol.accountId, room, nick: 'Carol', preset: 'public' });
    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    expect(joinings(alice, room)).toBe(1);

    // Several quiet spells, each ending in a ping the room answers (Prosody's §3.3 optimisation): no rejoin.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(joinings(alice, room)).toBe(1);

    // The room forgets alice without a word: her messages would be refused, and she would never know.
    const admin = await harness.raw(carolJid, 'admin');
    await admin.iq(xml('iq', { type: 'set' }, xml('forget', { xmlns: 'urn:causette:test:muc-forget', room, nick: 'Alice' })));

    // The next ping is refused (not-acceptable): alice joins again, and what she says reaches the room.
    await until(() => joinings(alice, room) === 2, 'alice rejoining', 5_000);
    await until(async () => (await alice.handlers['muc.rooms']({ accountId: alice.accountId })).find((each) => each.jid === room)?.state === 'joined', 'alice back in');
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'still here' });
    await until(async () => (await bodies(carol, room)).includes('still here'), 'carol gets alice’s message');
  });
});
