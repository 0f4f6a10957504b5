// Avatars through the core, against the harness Prosody: XEP-0084 in PEP, the XEP-0153 vCard fallback, the cache, refusals.
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/log/logger.ts';
import { buildDataPublish, buildMetadataPublish, buildPresenceUpdate, buildVcardSetWithPhoto } from '../../electron/core/xmpp/avatar/avatar-stanzas.ts';
import { sha1Hex } from '../../electron/core/model/image.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, close, raw, befriend } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

/** A 1×1 PNG; the tag after IEND makes its bytes (hence its hash) differ per use. */
function png(tag: string): Buffer {
  const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  return Buffer.concat([pixel, Buffer.from(tag)]);
}

interface Line {
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}
function recordingLogger(lines: Line[]): Logger {
  const record = (message: string, fields?: Record<string, unknown>) => void lines.push({ message, fields });
  const logger: Logger = {
    debug: record,
    info: record,
    warn: record,
    error: record,
    stanza: (direction, _account, stanza) => void lines.push({ message: `${direction} stanza`, fields: { stanza } }),
    child: () => logger,
  };
  return logger;
}
const fetches = (lines: readonly Line[], hash: string) => lines.filter((line) => line.message === 'avatar fetched' && line.fields?.hash === hash).length;
const sent = (lines: readonly Line[], needle: string) => lines.filter((line) => line.message === 'out stanza' && String(line.fields?.stanza).includes(needle)).length;
/** Alice writes to bob and the stanza leaves: any fetch decided before it has left by then too. */
async function marker(core: TestCore, lines: readonly Line[], to: string, body: string): Promise<void> {
  // Looked for in the wire log: not end-to-end encrypted, as it would be by default between two Causettes (OMEMO).
  await core.handlers['omemo.setEncryption']({ accountId: core.accountId, peer: to, on: false });
  await core.handlers['chat.send']({ accountId: core.accountId, peer: to, body });
  await until(() => sent(lines, `<body>${body}</body>`) === 1, `“${body}” sent`);
}

async function friends(aliceLines: Line[]) {
  const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
  const [alice, bob] = await Promise.all([signIn(aliceJid, { logger: recordingLogger(aliceLines) }), signIn(bobJid)]);
  await befriend(alice, bob);
  return { alice, bob, aliceJid, bobJid };
}

describe('avatars', () => {
  it('shows bob’s XEP-0084 avatar to alice, fetched once, and again after a restart without fetching', async () => {
    const lines: Line[] = [];
    const { alice, bob, aliceJid, bobJid } = await friends(lines);
    const bytes = png('bob');
    const { hash } = await bob.handlers['avatar.setOwn']({ accountId: bob.accountId, pngBase64: bytes.toString('base64') });
    expect(hash).toBe(sha1Hex(bytes));
    expect(eventsNamed(bob, 'avatar.ownChanged')).toContainEqual({ accountId: bob.accountId, hash });
    expect((await bob.snapshot()).ownAvatarHash).toBe(hash);

    await until(() => eventsNamed(alice, 'roster.changed').some((delta) => delta.upserts.some((c) => c.jid === bobJid && c.avatarHash === hash)), 'the delta');
    const { dataUrl } = await alice.handlers['avatar.get']({ accountId: alice.accountId, hash });
    expect(dataUrl).toBe(`data:image/png;base64,${bytes.toString('base64')}`);

    // Bob's next presence carries the same XEP-0153 hash: nothing is fetched again.
    await bob.handlers['presence.set']({ accountId: bob.accountId, show: 'away', status: 'later' });
    await until(async () => (await alice.contact(bobJid))?.show === 'away', 'the next presence');
    await marker(alice, lines, bobJid, 'after the away presence');
    expect(sent(lines, `<items node="urn:xmpp:avatar:data"><item id="${hash}"/>`)).toBe(1);
    expect(fetches(lines, hash)).toBe(1);

    // The mapping and the file survive a restart.
    const profile = alice.profile;
    await close(alice);
    const after: Line[] = [];
    const again = await signIn(aliceJid, { profile, logger: recordingLogger(after) });
    expect((await again.contact(bobJid))?.avatarHash).toBe(hash);
    await until(async () => (await again.contact(bobJid))?.show === 'away', 'bob’s presence after the restart');
    await marker(again, after, bobJid, 'after the restart');
    expect(sent(after, 'urn:xmpp:avatar:data')).toBe(0);
    expect(fetches(after, hash)).toBe(0);
    expect((await again.handlers['avatar.get']({ accountId: again.accountId, hash })).dataUrl).toBe(dataUrl);
  });

  // Prosody's vcard_legacy mirrors a vCard PHOTO into PEP, so here either path may bring it; the next test isolates XEP-0153.
  it('shows the avatar of a client that sets a vCard photo and advertises it in presence', async () => {
    const lines: Line[] = [];
    const { alice, bobJid } = await friends(lines);
    const phone = await raw(bobJid, 'phone');
    const bytes = png('vcard');
    const hash = sha1Hex(bytes);
    await phone.iq(buildVcardSetWithPhoto(undefined, 'image/png', bytes.toString('base64')));
    await phone.send(xml('presence', {}, xml('priority', {}, '1'), buildPresenceUpdate(hash)));
    await until(async () => (await alice.contact(bobJid))?.avatarHash === hash, 'the vCard avatar');
    const { dataUrl } = await alice.handlers['avatar.get']({ accountId: alice.accountId, hash });
    expect(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64').equals(bytes)).toBe(true);
  });

  it('fetches the vCard of a contact it gets no PEP events from, when its presence advertises a photo', async () => {
    const lines: Line[] = [];
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const alice = await signIn(aliceJid, { logger: recordingLogger(lines) });
    // In alice's roster, but not sharing presence: no PEP notifications, only carol's directed presence.
    await alice.handlers['roster.add']({ accountId: alice.accountId, jid: carolJid, groups: [] });
    const carol = await raw(carolJid, 'desk');
    const bytes = png('carol');
    const hash = sha1Hex(bytes);
    await carol.iq(buildVcardSetWithPhoto(undefined, 'image/png', bytes.toString('base64')));
    await carol.send(xml('presence', { to: await harness.fullJid(alice) }, buildPresenceUpdate(hash)));
    await until(async () => (await alice.contact(carolJid))?.avatarHash === hash, 'the vCard avatar');
    expect(lines.filter((line) => line.message === 'avatar fetched').map((line) => line.fields?.via)).toEqual(['vcard']);
    const { dataUrl } = await alice.handlers['avatar.get']({ accountId: alice.accountId, hash });
    expect(dataUrl).toBe(`data:image/png;base64,${bytes.toString('base64')}`);
  });

  it('refuses a PEP avatar whose bytes do not match its id', async () => {
    const lines: Line[] = [];
    const { alice, bobJid } = await friends(lines);
    const phone = await raw(bobJid, 'phone');
    const claimed = sha1Hex(png('claimed'));
    const sent = png('other');
    await phone.iq(buildDataPublish(claimed, sent.toString('base64'), false));
    await phone.iq(buildMetadataPublish({ id: claimed, type: 'image/png', bytes: sent.length, width: 1, height: 1 }, false));
    await until(() => lines.some((line) => line.message === 'avatar refused' && line.fields?.reason === 'hash-mismatch'), 'the refusal');
    expect((await alice.contact(bobJid))?.avatarHash).toBeUndefined();
    await expect(alice.handlers['avatar.get']({ accountId: alice.accountId, hash: claimed })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('removes bob’s avatar (XEP-0084 §4.5, XEP-0153 §3.2): alice stops showing it and no client of bob’s finds it', async () => {
    const lines: Line[] = [];
    const { alice, bob, bobJid } = await friends(lines);
    const { hash } = await bob.handlers['avatar.setOwn']({ accountId: bob.accountId, pngBase64: png('gone').toString('base64') });
    await until(async () => (await alice.contact(bobJid))?.avatarHash === hash, 'alice shows the avatar');

    await expect(bob.handlers['avatar.removeOwn']({ accountId: bob.accountId })).resolves.toBeNull();
    expect(eventsNamed(bob, 'avatar.ownChanged').at(-1)).toEqual({ accountId: bob.accountId });
    expect((await bob.snapshot()).ownAvatarHash).toBeUndefined();
    await until(async () => (await alice.contact(bobJid))?.avatarHash === undefined, 'alice no longer shows it');

    // Another client of bob's finds neither a PEP avatar nor a vCard photo.
    const phone = await raw(bobJid, 'phone');
    const vcard = await phone.iq(xml('iq', { type: 'get' }, xml('vCard', { xmlns: 'vcard-temp' })));
    expect(vcard.getChild('vCard', 'vcard-temp')?.getChild('PHOTO')).toBeUndefined();
    const metadata = await phone.iq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:avatar:metadata' }))));
    const items = metadata.getChild('pubsub')?.getChild('items')?.getChildren('item') ?? [];
    expect(items.every((item) => item.getChild('metadata')?.getChildren('info').length === 0)).toBe(true);

    // Signed in again later, bob still has none, and alice still shows none.
    await close(bob);
    const again = await signIn(bobJid, { profile: bob.profile });
    expect((await again.snapshot()).ownAvatarHash).toBeUndefined();
    await until(async () => (await alice.contact(bobJid))?.show !== 'offline', 'bob back online');
    expect((await alice.contact(bobJid))?.avatarHash).toBeUndefined();
  });

  it('refuses to remove the avatar of an account that is not signed in', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    await alice.handlers['account.disconnect']({ accountId: alice.accountId });
    await expect(alice.handlers['avatar.removeOwn']({ accountId: alice.accountId })).rejects.toMatchObject({ code: 'not-connected' });
  });

  it('refuses an own avatar that is not a small PNG', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]).toString('base64');
    await expect(alice.handlers['avatar.setOwn']({ accountId: alice.accountId, pngBase64: jpeg })).rejects.toMatchObject({ code: 'bad-request' });
  });
});
