import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildChecksum, buildDescription, buildFile, buildReceived, NS_HASHES, NS_JINGLE_FT, parseChecksum, parseDescription, sha256Of } from '../../../electron/core/jingle/file-stanzas.ts';
import {
  agreedBlockSize,
  buildClose,
  buildData,
  buildIbbTransport,
  buildOpen,
  MAX_BLOCK_SIZE,
  nextSeq,
  NS_IBB,
  NS_JINGLE_IBB,
  parseIbb,
  parseIbbTransport,
} from '../../../electron/core/jingle/ibb-stanzas.ts';
import { buildJingle, jingleErrorOf, jingleReplyError, NS_JINGLE, NS_JINGLE_ERRORS, parseJingle } from '../../../electron/core/jingle/jingle-stanzas.ts';
import { buildIqError, NS_STANZAS } from '../../../electron/core/xmpp/iq-router.ts';

const offer = { name: 'photo.jpg', size: 1234, mediaType: 'image/jpeg', date: '2026-12-03T10:00:00Z', desc: 'the beach', hashes: [{ algo: 'sha-256', value: 'q1w2e3==' }] };

describe('XEP-0166 stanzas', () => {
  it('§7.1: builds a session-initiate and parses it back', () => {
    const iq = buildJingle({
      to: 'bob@example.org/b',
      action: 'session-initiate',
      sid: 's1',
      initiator: 'alice@example.org/a',
      contents: [{ name: 'f', creator: 'initiator', senders: 'initiator', description: buildDescription(buildFile(offer)), transport: buildIbbTransport({ sid: 'i1', blockSize: 4096 }) }],
    });
    expect(iq.attrs).toEqual({ type: 'set', to: 'bob@example.org/b' });
    const jingle = iq.getChild('jingle', NS_JINGLE);
    expect(jingle?.attrs).toEqual({ xmlns: NS_JINGLE, action: 'session-initiate', sid: 's1', initiator: 'alice@example.org/a' });
    const parsed = parseJingle(jingle ?? xml('x'));
    if (parsed === 'bad-request') throw new Error('not parsed');
    expect(parsed).toMatchObject({ action: 'session-initiate', sid: 's1', initiator: 'alice@example.org/a' });
    expect(parsed.contents).toHaveLength(1);
    expect(parsed.contents[0]).toMatchObject({ name: 'f', creator: 'initiator', senders: 'initiator' });
    expect(parseDescription(parsed.contents[0]?.description)).toEqual({ ...offer, hashesUsed: [] });
    expect(parseIbbTransport(parsed.contents[0]?.transport)).toEqual({ sid: 'i1', blockSize: 4096 });
  });

  it('§7.4: a terminate carries its reason and text; an unknown reason reads as general-error', () => {
    const jingle = buildJingle({ to: 'b', action: 'session-terminate', sid: 's', reason: { condition: 'decline', text: 'no thanks' } }).getChild('jingle', NS_JINGLE);
    expect(jingle?.getChild('reason')?.getChild('decline')).toBeDefined();
    expect(parseJingle(jingle ?? xml('x'))).toMatchObject({ reason: { condition: 'decline', text: 'no thanks' } });
    const odd = xml('jingle', { xmlns: NS_JINGLE, action: 'session-terminate', sid: 's' }, xml('reason', {}, xml('fell-asleep')));
    expect(parseJingle(odd)).toMatchObject({ reason: { condition: 'general-error' } });
  });

  it('§7.1, §7.3: refuses an unknown action, a missing sid, a content without name or creator', () => {
    expect(parseJingle(xml('jingle', { xmlns: NS_JINGLE, action: 'session-dance', sid: 's' }))).toBe('bad-request');
    expect(parseJingle(xml('jingle', { xmlns: NS_JINGLE, action: 'session-accept' }))).toBe('bad-request');
    expect(parseJingle(xml('jingle', { xmlns: NS_JINGLE, action: 'session-accept', sid: 's' }, xml('content', { creator: 'initiator' })))).toBe('bad-request');
    expect(parseJingle(xml('jingle', { xmlns: NS_JINGLE, action: 'session-accept', sid: 's' }, xml('content', { name: 'a', creator: 'someone' })))).toBe('bad-request');
  });

  it('§7.2.9: session-info keeps its payload', () => {
    const jingle = buildJingle({ to: 'b', action: 'session-info', sid: 's', info: buildReceived({ creator: 'initiator', name: 'f' }) }).getChild('jingle', NS_JINGLE);
    const parsed = parseJingle(jingle ?? xml('x'));
    expect(parsed !== 'bad-request' && parsed.info?.name).toBe('received');
  });

  it('§8: errors carry the stanza condition and the Jingle one', () => {
    const request = xml('iq', { type: 'set', id: 'x1', from: 'bob@example.org/b' });
    const buildJingleError = (stanza: typeof request, condition: 'unknown-session' | 'tie-break') => {
      const reply = jingleReplyError(condition);
      return buildIqError(stanza, reply.type, reply.condition, reply.specific);
    };
    const error = buildJingleError(request, 'unknown-session');
    expect(error.attrs).toEqual({ type: 'error', id: 'x1', to: 'bob@example.org/b' });
    expect(error.getChild('error')?.attrs.type).toBe('cancel');
    expect(error.getChild('error')?.getChild('item-not-found', NS_STANZAS)).toBeDefined();
    expect(error.getChild('error')?.getChild('unknown-session', NS_JINGLE_ERRORS)).toBeDefined();
    expect(jingleErrorOf(error)).toBe('unknown-session');
    expect(jingleErrorOf(buildJingleError(request, 'tie-break'))).toBe('tie-break');
    expect(buildJingleError(request, 'tie-break').getChild('error')?.getChild('conflict', NS_STANZAS)).toBeDefined();
  });
});

describe('XEP-0234 file description', () => {
  it('§8: a range asks for the rest of the file from an offset; an empty one says ranges are understood', () => {
    const ranged = buildFile({ ...offer, range: { offset: 1000 } });
    expect(ranged.getChild('range')?.attrs).toEqual({ offset: '1000' });
    expect(parseDescription(buildDescription(ranged))?.range).toEqual({ offset: 1000 });
    const whole = buildFile({ ...offer, range: { offset: 0 } });
    expect(whole.getChild('range')?.attrs).toEqual({});
    expect(parseDescription(buildDescription(whole))?.range).toEqual({ offset: 0 });
    expect(parseDescription(buildDescription(buildFile({ ...offer, range: { offset: 10, length: 20 } })))?.range).toEqual({ offset: 10, length: 20 });
  });

  it('XEP-0300 §3: a hash announced for later is kept apart from the hashes given', () => {
    const later = buildFile({ name: 'a', size: 1, hashes: [], hashesUsed: ['sha-256'] });
    expect(later.getChild('hash-used', NS_HASHES)?.attrs.algo).toBe('sha-256');
    expect(parseDescription(buildDescription(later))).toEqual({ name: 'a', size: 1, hashes: [], hashesUsed: ['sha-256'] });
    expect(sha256Of([{ algo: 'sha-1', value: 'x' }, { algo: 'sha-256', value: 'y' }])).toBe('y');
    expect(sha256Of([{ algo: 'sha-1', value: 'x' }])).toBeUndefined();
  });

  it('§4: an offer without a name or a readable size is not a file we take', () => {
    const description = (...children: ReturnType<typeof xml>[]) => xml('description', { xmlns: NS_JINGLE_FT }, xml('file', {}, ...children));
    expect(parseDescription(description(xml('name', {}, 'a')))).toBeUndefined();
    expect(parseDescription(description(xml('name', {}, 'a'), xml('size', {}, '-3')))).toBeUndefined();
    expect(parseDescription(description(xml('name', {}, 'a'), xml('size', {}, '1e3')))).toBeUndefined();
    expect(parseDescription(description(xml('name', {}, ' '), xml('size', {}, '3')))).toBeUndefined();
    expect(parseDescription(xml('description', { xmlns: 'urn:xmpp:jingle:apps:rtp:1' }))).toBeUndefined();
  });

  it('§7: the checksum names its content and carries the hashes', () => {
    const checksum = buildChecksum({ creator: 'initiator', name: 'f' }, [{ algo: 'sha-256', value: 'abc=' }]);
    expect(checksum.attrs).toEqual({ xmlns: NS_JINGLE_FT, creator: 'initiator', name: 'f' });
    expect(parseChecksum(checksum)).toEqual({ name: 'f', hashes: [{ algo: 'sha-256', value: 'abc=' }] });
    expect(parseChecksum(buildReceived({ creator: 'initiator', name: 'f' }))).toBeUndefined();
  });
});

describe('XEP-0261 and XEP-0047', () => {
  it('XEP-0261 §2: the transport names its sid and block size, kept within XEP-0047’s bound', () => {
    expect(buildIbbTransport({ sid: 'i', blockSize: 4096 }).attrs).toEqual({ xmlns: NS_JINGLE_IBB, sid: 'i', 'block-size': '4096' });
    expect(parseIbbTransport(xml('transport', { xmlns: NS_JINGLE_IBB, sid: 'i', 'block-size': '99999' }))).toEqual({ sid: 'i', blockSize: MAX_BLOCK_SIZE });
    expect(parseIbbTransport(xml('transport', { xmlns: NS_JINGLE_IBB, 'block-size': '4096' }))).toBeUndefined();
    expect(parseIbbTransport(xml('transport', { xmlns: 'urn:xmpp:jingle:transports:s5b:1', sid: 'i' }))).toBeUndefined();
    expect(agreedBlockSize(8192, 4096)).toBe(4096);
    expect(agreedBlockSize(2048, 4096)).toBe(2048);
  });

  it('XEP-0047 §2.2: sequence numbers wrap from 65535 to 0', () => {
    expect(nextSeq(0)).toBe(1);
    expect(nextSeq(65534)).toBe(65535);
    expect(nextSeq(65535)).toBe(0);
  });

  it('§2.1–§2.3: open, data and close round-trip', () => {
    const open = buildOpen('bob@example.org/b', { sid: 'i', blockSize: 4096 }).getChild('open', NS_IBB);
    expect(parseIbb(open ?? xml('x'))).toEqual({ kind: 'open', sid: 'i', blockSize: 4096, stanza: 'iq' });
    const data = buildData('b', 'i', 65535, new Uint8Array([1, 2, 3, 250])).getChild('data', NS_IBB);
    expect(data?.text()).toBe('AQID+g==');
    expect(parseIbb(data ?? xml('x'))).toEqual({ kind: 'data', sid: 'i', seq: 65535, bytes: Buffer.from([1, 2, 3, 250]) });
    expect(parseIbb(buildClose('b', 'i').getChild('close', NS_IBB) ?? xml('x'))).toEqual({ kind: 'close', sid: 'i' });
  });

  it('§2.2: refuses a sequence out of 16 bits, bad base64 and an oversized block', () => {
    expect(parseIbb(xml('data', { xmlns: NS_IBB, sid: 'i', seq: '65536' }, 'AA=='))).toBeUndefined();
    expect(parseIbb(xml('data', { xmlns: NS_IBB, sid: 'i', seq: '1' }, 'not base64!'))).toBeUndefined();
    expect(parseIbb(xml('open', { xmlns: NS_IBB, sid: 'i', 'block-size': '70000' }))).toBeUndefined();
    expect(parseIbb(xml('data', { xmlns: NS_IBB, seq: '1' }, 'AA=='))).toBeUndefined();
  });
});
