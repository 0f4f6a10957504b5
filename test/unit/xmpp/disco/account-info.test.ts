// Our account's disco#info is asked once per fresh session, whoever needs it, and again only when it failed.
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { createAccountInfo } from '../../../../electron/core/xmpp/disco/account-info.ts';
import { NS_DISCO_INFO } from '../../../../electron/core/xmpp/disco/disco-info.ts';
import { fakeConnection } from '../fake-connection.ts';

const own = 'alice@example.com';
const answerWith = (features: string[]) => (request: Element) =>
  xml('iq', { type: 'result', id: request.attrs.id, from: own }, xml('query', { xmlns: NS_DISCO_INFO }, ...features.map((name) => xml('feature', { var: name }))));

describe('account info', () => {
  it('asks once for every module of a session, and again after a fresh session, not after a resumed one', async () => {
    let features = ['urn:xmpp:mam:2'];
    const fake = fakeConnection((request) => answerWith(features)(request));
    const heard: (readonly string[])[] = [];
    const info = createAccountInfo(fake.connection, own, (each) => heard.push(each));
    const [first, second] = await Promise.all([info.features(), info.features()]);
    expect(first).toEqual(['urn:xmpp:mam:2']);
    expect(second).toBe(first);
    expect(fake.requests.map((request) => [request.attrs.to, request.getChild('query')?.attrs.xmlns])).toEqual([[own, NS_DISCO_INFO]]);
    await fake.startSession(true);
    await info.features();
    expect(fake.requests).toHaveLength(1);
    features = ['urn:xmpp:sid:0'];
    await fake.startSession(false);
    expect(await info.features()).toEqual(['urn:xmpp:sid:0']);
    expect(fake.requests).toHaveLength(2);
    expect(heard).toEqual([['urn:xmpp:mam:2'], ['urn:xmpp:sid:0']]);
  });

  it('asks again after a failure, and reads an ill-formed answer as offering nothing', async () => {
    let fail = true;
    const fake = fakeConnection((request) => {
      if (fail) return Promise.reject(new Error('timed out'));
      // XEP-0115 §5.4: a FORM_TYPE with two values makes the answer ill-formed.
      return xml(
        'iq',
        { type: 'result', id: request.attrs.id },
        xml(
          'query',
          { xmlns: NS_DISCO_INFO },
          xml('feature', { var: 'urn:xmpp:mam:2' }),
          xml('x', { xmlns: 'jabber:x:data', type: 'result' }, xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'a'), xml('value', {}, 'b'))),
        ),
      );
    });
    const info = createAccountInfo(fake.connection, own);
    await expect(info.features()).rejects.toThrow('timed out');
    fail = false;
    expect(await info.features()).toEqual([]);
    expect(fake.requests).toHaveLength(2);
  });

  it('a prefetch asks at once, and only when the session has not asked yet; the modules then share its answer', async () => {
    const fake = fakeConnection(answerWith(['urn:xmpp:mam:2']));
    const info = createAccountInfo(fake.connection, own);
    await fake.startSession(false);
    info.prefetch();
    expect(fake.requests).toHaveLength(1);
    info.prefetch();
    expect(await info.features()).toEqual(['urn:xmpp:mam:2']);
    expect(fake.requests).toHaveLength(1);
    await fake.startSession(false);
    info.prefetch();
    expect(fake.requests).toHaveLength(2);
  });

  it('stops following sessions once disposed', async () => {
    const fake = fakeConnection(answerWith([]));
    const info = createAccountInfo(fake.connection, own);
    await info.features();
    info.dispose();
    await fake.startSession(false);
    await info.features();
    expect(fake.requests).toHaveLength(1);
  });
});
