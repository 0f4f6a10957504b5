// Searching the stored messages: ranking, snippets with match markers, account filter, corrections and retractions.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/model/message.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../electron/core/storage/messages.ts';
import { createMessageSearch } from '../../../electron/core/storage/search.ts';

function setUp() {
  const db = openDatabase(':memory:');
  const accounts = createAccountStore(db);
  for (const [id, jid] of [
    ['a1', 'alice@example.com'],
    ['a2', 'alice@work.example'],
  ] as const) {
    accounts.insert({ id, jid, resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  }
  const messages = createMessageStore(db);
  let counter = 0;
  const add = (body: string, fields: Partial<Message> = {}): Message => {
    counter += 1;
    const message: Message = { id: `m${counter}`, accountId: 'a1', peer: 'bob@x', kind: 'chat', direction: 'in', body, timestamp: counter * 1000, state: 'received', ...fields };
    messages.insert(message);
    return message;
  };
  return { messages, add, search: createMessageSearch(db) };
}

const ids = (hits: readonly { messageId: string }[]) => hits.map((hit) => hit.messageId);

describe('searching stored messages', () => {
  it('finds a word in any conversation, with who, when and which way', () => {
    const { add, search } = setUp();
    add('nothing to see');
    const hit = add('Lunch at noon?', { peer: 'carol@x', direction: 'out', state: 'sent', timestamp: 42_000 });
    expect(search.search({ query: 'lunch', limit: 10 })).toEqual([
      { accountId: 'a1', peer: 'carol@x', messageId: hit.id, timestamp: 42_000, direction: 'out', snippet: '\u0002Lunch\u0003 at noon?' },
    ]);
  });

  it('ignores case and diacritics, and matches the last word as a prefix', () => {
    const { add, search } = setUp();
    const cafe = add('Un café crème, s’il vous plaît');
    expect(ids(search.search({ query: 'CAFE', limit: 10 }))).toEqual([cafe.id]);
    expect(ids(search.search({ query: 'creme pla', limit: 10 }))).toEqual([cafe.id]);
    expect(search.search({ query: 'cafe', limit: 10 })[0]?.snippet).toBe('Un \u0002café\u0003 crème, s’il vous plaît');
  });

  it('ranks the better match first, then the newer of equal matches', () => {
    const { add, search } = setUp();
    const older = add('the train is late');
    const best = add('train train train');
    const newer = add('the train is late');
    expect(ids(search.search({ query: 'train', limit: 10 }))).toEqual([best.id, newer.id, older.id]);
    expect(ids(search.search({ query: 'train', limit: 2 }))).toEqual([best.id, newer.id]);
  });

  it('keeps to one account when asked', () => {
    const { add, search } = setUp();
    const home = add('meeting notes');
    const work = add('meeting notes', { accountId: 'a2' });
    expect(ids(search.search({ query: 'meeting', accountId: 'a2', limit: 10 }))).toEqual([work.id]);
    expect(ids(search.search({ query: 'meeting', accountId: 'a1', limit: 10 }))).toEqual([home.id]);
    expect(ids(search.search({ query: 'meeting', limit: 10 })).sort()).toEqual([home.id, work.id].sort());
  });

  it('finds a correction’s new text and not the old, and never a retracted message', () => {
    const { add, messages, search } = setUp();
    const typo = add('see you at the stasion', { direction: 'out', state: 'sent' });
    messages.correct(typo.id, 'see you at the station', 99_000);
    expect(search.search({ query: 'stasion', limit: 10 })).toEqual([]);
    expect(ids(search.search({ query: 'station', limit: 10 }))).toEqual([typo.id]);
    const secret = add('my secret password');
    messages.retract(secret.id);
    expect(search.search({ query: 'secret', limit: 10 })).toEqual([]);
  });

  it('shows a window of the body around the match, marked, in a long message', () => {
    const { add, search } = setUp();
    const words = Array.from({ length: 60 }, (_, n) => `w${n}`);
    words[30] = 'needle';
    add(words.join(' '));
    const [hit] = search.search({ query: 'needle', limit: 10 });
    const snippet = hit?.snippet ?? '';
    expect(snippet).toContain('\u0002needle\u0003');
    expect(snippet.startsWith('…') && snippet.endsWith('…')).toBe(true);
    expect(snippet.replaceAll('…', '').trim().split(/\s+/)).toHaveLength(12);
  });

  it('finds room messages by who wrote them too, alone or with words of the text, and says who (XEP-0045 nicknames)', () => {
    const { add, search } = setUp();
    const room = { peer: 'tea@muc.x', kind: 'groupchat' as const };
    const fromZoe = add('the kettle is on', { ...room, sender: { nick: 'Zoé' } });
    const fromMax = add('kettle again', { ...room, sender: { nick: 'max' } });
    const ours = add('I will bring the cups', { ...room, direction: 'out', state: 'sent', sender: { nick: 'alice' } });
    add('a one-to-one message about zoe');
    expect(ids(search.search({ query: 'kettle', limit: 10 })).sort()).toEqual([fromZoe.id, fromMax.id].sort());
    expect(ids(search.search({ query: 'zoe kettle', limit: 10 }))).toEqual([fromZoe.id]);
    // Her nickname, or a word of the text naming her.
    expect(ids(search.search({ query: 'zoé', limit: 10 })).sort()).toEqual([fromZoe.id, 'm4'].sort());
    const [hit] = search.search({ query: 'max', limit: 10 });
    expect(hit).toMatchObject({ messageId: fromMax.id, peer: 'tea@muc.x', senderNick: 'max', snippet: 'kettle again' });
    // Our own messages are ours, whatever our nickname there.
    expect(search.search({ query: 'cups', limit: 10 }).map((each) => [each.messageId, each.senderNick])).toEqual([[ours.id, undefined]]);
  });

  it('answers nothing, without an error, for text with nothing to search or FTS syntax', () => {
    const { add, search } = setUp();
    add('body: NEAR OR "quoted"');
    expect(search.search({ query: '   ', limit: 10 })).toEqual([]);
    expect(search.search({ query: '*', limit: 10 })).toEqual([]);
    expect(search.search({ query: 'NEAR(', limit: 10 })).toHaveLength(1);
    expect(search.search({ query: '"quoted', limit: 10 })).toHaveLength(1);
    // A phrase of the two words, not a column filter (an unknown column would be an FTS5 error).
    expect(search.search({ query: 'body:near', limit: 10 })).toHaveLength(1);
    expect(search.search({ query: 'nosuchcolumn:body', limit: 10 })).toEqual([]);
  });
});
