import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountInfo } from '../../../../electron/core/xmpp/disco/account-info.ts';
import xml, { type Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAvatarCache } from '../../../../electron/core/storage/avatar-cache.ts';
import { createAvatarStore } from '../../../../electron/core/storage/avatars.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import {
  buildPresenceUpdate,
  NS_AVATAR_DATA,
  NS_AVATAR_METADATA,
  NS_PUBSUB,
  NS_PUBSUB_EVENT,
  NS_VCARD,
} from '../../../../electron/core/xmpp/avatar/avatar-stanzas.ts';
import { checkOwnPng, setupAvatars } from '../../../../electron/core/xmpp/avatar/avatars.ts';
import { sha1Hex } from '../../../../electron/core/model/image.ts';
import { fakeConnection } from '../fake-connection.ts';
import { onePixelPng, pngHeader } from './png-fixtures.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const png = onePixelPng();
const hash = sha1Hex(png);
const vcardReply = (bytes: Buffer) =>
  xml('iq', { type: 'result' }, xml('vCard', { xmlns: NS_VCARD }, xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, bytes.toString('base64')))));
const dataReply = (id: string, bytes: Buffer) =>
  xml('iq', { type: 'result' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_AVATAR_DATA }, xml('item', { id }, xml('data', { xmlns: NS_AVATAR_DATA }, bytes.toString('base64'))))));
const metadataEvent = (from: string, id: string) =>
  xml(
    'message',
    { from },
    xml('event', { xmlns: NS_PUBSUB_EVENT }, xml('items', { node: NS_AVATAR_METADATA }, xml('item', { id }, xml('metadata', { xmlns: NS_AVATAR_METADATA }, xml('info', { id, type: 'image/png', bytes: '1' }))))),
  );
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function setUp(answer: (request: Element) => Element) {
  const dir = mkdtempSync(join(tmpdir(), 'causette-avatars-'));
  dirs.push(dir);
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const fake = fakeConnection(answer);
  const changed: string[] = [];
  const own: (string | undefined)[] = [];
  const store = createAvatarStore(db);
  const make = () =>
    setupAvatars({
      accountId: 'a1',
      ownJid: 'alice@example.com',
      connection: fake.connection,
      accountInfo: createAccountInfo(fake.connection, 'alice@example.com'),
      cache: createAvatarCache(join(dir, 'avatars')),
      store,
      logger: silentLogger,
      isContact: (bare) => bare === 'bob@example.com',
      onChange: (bare) => changed.push(bare),
      onOwnChange: (value) => own.push(value),
    });
  return { ...fake, changed, own, store, avatars: make(), make };
}

describe('contacts’ avatars', () => {
  it('fetches the vCard photo a presence advertises, once for many presences, and remembers it', async () => {
    const { avatars, receive, requests, changed, make } = setUp(() => vcardReply(png));
    const presence = xml('presence', { from: 'bob@example.com/phone' }, buildPresenceUpdate(hash));
    await receive(presence);
    await receive(presence);
    await settle();
    await receive(presence);
    expect(requests.map((request) => request.getChildElements()[0]?.attrs.xmlns)).toEqual([NS_VCARD]);
    expect(requests[0]?.attrs.to).toBe('bob@example.com');
    expect(avatars.hashOf('bob@example.com')).toBe(hash);
    expect(changed).toEqual(['bob@example.com']);
    // Another session of the same account knows it from the store.
    expect(make().hashOf('bob@example.com')).toBe(hash);
  });

  it('fetches a PEP avatar by id and then ignores XEP-0153 hashes for that contact', async () => {
    const { avatars, receive, requests } = setUp(() => dataReply(hash, png));
    await receive(metadataEvent('bob@example.com', hash));
    await settle();
    expect(requests[0]?.toString()).toContain(`<items node="${NS_AVATAR_DATA}"><item id="${hash}"/>`);
    expect(avatars.hashOf('bob@example.com')).toBe(hash);
    await receive(xml('presence', { from: 'bob@example.com/phone' }, buildPresenceUpdate('f'.repeat(40))));
    await settle();
    expect(requests).toHaveLength(1);
    expect(avatars.hashOf('bob@example.com')).toBe(hash);
  });

  it('ignores avatars of strangers', async () => {
    const { avatars, receive, requests } = setUp(() => vcardReply(png));
    await receive(xml('presence', { from: 'mallory@example.com/x' }, buildPresenceUpdate(hash)));
    await receive(metadataEvent('mallory@example.com', hash));
    await settle();
    expect(requests).toHaveLength(0);
    expect(avatars.hashOf('mallory@example.com')).toBeUndefined();
  });

  it('refuses data whose SHA-1 is not the id', async () => {
    const claimed = sha1Hex(Buffer.from('claimed'));
    const { avatars, receive, changed } = setUp(() => dataReply(claimed, png));
    await receive(metadataEvent('bob@example.com', claimed));
    await settle();
    expect(avatars.hashOf('bob@example.com')).toBeUndefined();
    expect(changed).toEqual([]);
  });
});

describe('our avatar', () => {
  it('accepts only a PNG up to 512×512 and 256 KiB', () => {
    expect(checkOwnPng(png.toString('base64'))).toMatchObject({ width: 1, height: 1 });
    expect(() => checkOwnPng(pngHeader(513, 10).toString('base64'))).toThrow(/512/);
    expect(() => checkOwnPng(Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64'))).toThrow(/not a PNG/);
    expect(() => checkOwnPng(Buffer.concat([png, Buffer.alloc(256 * 1024)]).toString('base64'))).toThrow(/256 KiB/);
  });

  it('publishes data, then metadata, then the vCard photo, and puts the hash in presence', async () => {
    const { avatars, requests, own, store } = setUp((request) => {
      const payload = request.getChildElements()[0];
      if (payload?.attrs.xmlns === 'http://jabber.org/protocol/disco#info') {
        return xml('iq', { type: 'result' }, xml('query', { xmlns: payload.attrs.xmlns }, xml('feature', { var: 'http://jabber.org/protocol/pubsub#publish-options' })));
      }
      if (payload?.attrs.xmlns === NS_VCARD && request.attrs.type === 'get') return xml('iq', { type: 'result' }, xml('vCard', { xmlns: NS_VCARD }, xml('FN', {}, 'Alice')));
      return xml('iq', { type: 'result' });
    });
    expect(avatars.presenceUpdate()).toBeUndefined();
    expect(await avatars.publishOwn(png.toString('base64'))).toBe(hash);
    const steps = requests.map((request) => `${request.attrs.type} ${request.getChildElements()[0]?.getChild('publish')?.attrs.node ?? request.getChildElements()[0]?.attrs.xmlns}`);
    expect(steps).toEqual([
      'get http://jabber.org/protocol/disco#info',
      `set ${NS_AVATAR_DATA}`,
      `set ${NS_AVATAR_METADATA}`,
      `get ${NS_VCARD}`,
      `set ${NS_VCARD}`,
    ]);
    expect(requests[1]?.toString()).toContain('<value>open</value>');
    expect(requests[4]?.toString()).toContain('<FN>Alice</FN><PHOTO><TYPE>image/png</TYPE>');
    expect(avatars.presenceUpdate()?.toString()).toBe(`<x xmlns="vcard-temp:x:update"><photo>${hash}</photo></x>`);
    expect(own).toEqual([hash]);
    expect(store.own('a1')).toBe(hash);
  });
});
