// Unit tests of XEP-0313 stanzas: the query we build, and which results and ends of query we accept.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { NS_FORWARD } from '../../../../electron/core/xmpp/carbons/forwarded.ts';
import { buildArchiveQuery, formatDateTime, NS_MAM, NS_RSM, parseArchiveResult, parseFin } from '../../../../electron/core/xmpp/mam/mam-stanzas.ts';

const own = 'bob@x';

const result = (attrs: { from?: string; queryid?: string; id?: string }, stamp = '2026-11-23T12:00:05Z') =>
  xml(
    'message',
    { to: `${own}/desk`, ...(attrs.from === undefined ? {} : { from: attrs.from }) },
    xml(
      'result',
      { xmlns: NS_MAM, queryid: attrs.queryid ?? 'q1', id: attrs.id ?? 'a-1' },
      xml('forwarded', { xmlns: NS_FORWARD }, xml('delay', { xmlns: 'urn:xmpp:delay', stamp }), xml('message', { from: 'alice@x/phone', to: own, type: 'chat' }, xml('body', {}, 'hi'))),
    ),
  );

describe('the archive query', () => {
  it('asks our own archive (no to) for the last page before an id, with the form fields given', () => {
    const iq = buildArchiveQuery({ with: 'alice@x', start: Date.UTC(2026, 10, 23, 12, 0, 5, 900), afterId: 'a-0', before: '', max: 100 }, 'q1');
    expect(iq.attrs).toEqual({ type: 'set' });
    const query = iq.getChild('query', NS_MAM);
    expect(query?.attrs.queryid).toBe('q1');
    const fields = query?.getChild('x', 'jabber:x:data')?.getChildren('field').map((field) => [field.attrs.var, field.getChildText('value')]);
    expect(fields).toEqual([
      ['FORM_TYPE', NS_MAM],
      ['with', 'alice@x'],
      ['start', '2026-11-23T12:00:05Z'],
      ['after-id', 'a-0'],
    ]);
    const set = query?.getChild('set', NS_RSM);
    expect(set?.getChildText('max')).toBe('100');
    expect(set?.getChild('before')?.text()).toBe('');
  });

  it('leaves the form out when nothing filters, and pages before a given id', () => {
    const query = buildArchiveQuery({ before: 'a-9', max: 50 }, 'q2').getChild('query', NS_MAM);
    expect(query?.getChild('x', 'jabber:x:data')).toBeUndefined();
    expect(query?.getChild('set', NS_RSM)?.getChildText('before')).toBe('a-9');
  });

  it('writes times to the second, rounded down', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('2026-01-02T03:04:05Z');
  });
});

describe('archive results', () => {
  it('accepts a result of our query from our server (no from) or our bare JID, with its id and time', () => {
    for (const from of [undefined, own, 'BOB@x']) {
      const parsed = parseArchiveResult(result({ ...(from === undefined ? {} : { from }) }), { archive: own, ownJid: own }, 'q1');
      expect(parsed).toMatchObject({ id: 'a-1', timestamp: Date.UTC(2026, 10, 23, 12, 0, 5) });
      expect(parsed !== 'forged' && parsed?.message.getChildText('body')).toBe('hi');
    }
  });

  it('calls a result of our query from anyone else forged', () => {
    expect(parseArchiveResult(result({ from: 'mallory@x' }), { archive: own, ownJid: own }, 'q1')).toBe('forged');
    expect(parseArchiveResult(result({ from: `${own}/desk` }), { archive: own, ownJid: own }, 'q1')).toBe('forged');
  });

  it('ignores results of other queries and messages that are no results', () => {
    expect(parseArchiveResult(result({ queryid: 'other' }), { archive: own, ownJid: own }, 'q1')).toBeUndefined();
    expect(parseArchiveResult(xml('message', { from: 'alice@x' }, xml('body', {}, 'hi')), { archive: own, ownJid: own }, 'q1')).toBeUndefined();
    expect(parseArchiveResult(result({ id: '' }), { archive: own, ownJid: own }, 'q1')).toBeUndefined();
  });
});

describe('the end of a query', () => {
  it('reads complete and the page’s ids', () => {
    const reply = xml(
      'iq',
      { type: 'result' },
      xml('fin', { xmlns: NS_MAM, complete: 'true' }, xml('set', { xmlns: NS_RSM }, xml('first', {}, 'a-1'), xml('last', {}, 'a-9'), xml('count', {}, '42'))),
    );
    expect(parseFin(reply)).toEqual({ complete: true, first: 'a-1', last: 'a-9', count: 42 });
  });

  it('is not complete unless it says so, and may carry no ids', () => {
    expect(parseFin(xml('iq', { type: 'result' }, xml('fin', { xmlns: NS_MAM })))).toEqual({ complete: false });
    expect(parseFin(xml('iq', { type: 'result' }))).toBeUndefined();
  });
});
