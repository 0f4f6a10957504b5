import { describe, expect, it } from 'vitest';
import { NS_JINGLE_FT } from '../../../electron/core/jingle/file-stanzas.ts';
import { NS_JET, NS_JET_OMEMO } from '../../../electron/core/jingle/jet/jet-stanzas.ts';
import { chooseRoute } from '../../../electron/core/transfers/route.ts';

const phone = { jid: 'bob@example.org/phone', features: ['http://jabber.org/protocol/disco#info'] };
const laptop = { jid: 'bob@example.org/laptop', features: ['urn:xmpp:jingle:1', NS_JINGLE_FT] };

describe('the route of a file', () => {
  it('goes by Jingle to the first online device that advertises file transfer', () => {
    expect(chooseRoute({ method: 'auto', room: false, devices: [phone, laptop] })).toEqual({ kind: 'jingle', to: laptop.jid, jet: false });
    expect(chooseRoute({ method: 'jingle', room: false, devices: [laptop, { ...laptop, jid: 'bob@example.org/other' }] })).toEqual({ kind: 'jingle', to: laptop.jid, jet: false });
  });

  it('says whether the device takes transports encrypted with OMEMO (both XEP-0391 and XEP-0396 advertised)', () => {
    const jet = { ...laptop, features: [...laptop.features, NS_JET, NS_JET_OMEMO] };
    expect(chooseRoute({ method: 'auto', room: false, devices: [jet] })).toEqual({ kind: 'jingle', to: jet.jid, jet: true });
    expect(chooseRoute({ method: 'auto', room: false, devices: [{ ...laptop, features: [...laptop.features, NS_JET] }] })).toEqual({ kind: 'jingle', to: laptop.jid, jet: false });
  });

  it('is uploaded to an offline contact, to one without file transfer, to a room, or when the user asks', () => {
    expect(chooseRoute({ method: 'auto', room: false, devices: [] })).toEqual({ kind: 'upload' });
    expect(chooseRoute({ method: 'auto', room: false, devices: [phone] })).toEqual({ kind: 'upload' });
    expect(chooseRoute({ method: 'auto', room: true, devices: [laptop] })).toEqual({ kind: 'upload' });
    expect(chooseRoute({ method: 'upload', room: false, devices: [laptop] })).toEqual({ kind: 'upload' });
  });

  it('has no way when Jingle is asked for and no device can take it', () => {
    expect(chooseRoute({ method: 'jingle', room: false, devices: [phone] })).toEqual({ kind: 'none', why: 'noDevice' });
    expect(chooseRoute({ method: 'jingle', room: true, devices: [laptop] })).toEqual({ kind: 'none', why: 'room' });
  });
});
