// Unit tests of XEP-0313 on a session: catch-up from the cursor, newest first, the cursor moved only when all of it came;
// scroll-back until the archive has nothing older; results accepted only from our own account for our query.
import xml, { type Element } from '@xmpp/xml';
import { createAccountInfo } from '../../../../electron/core/xmpp/disco/account-info.ts';
import { describe, expect, it } from 'vitest';
import type { ArchiveSync } from '../../../../shared/model/message.ts';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../../electron/core/storage/messages.ts';
import { NS_FORWARD } from '../../../../electron/core/xmpp/carbons/forwarded.ts';
import type { MessageContext } from '../../../../electron/core/xmpp/pipeline/message-context.ts';
import { NS_DISCO_INFO } from '../../../../electron/core/xmpp/disco/disco-info.ts';
import { StanzaError } from '../../../../electron/core/xmpp/errors.ts';
import { ingestPage } from '../../../../electron/core/xmpp/mam/catch-up.ts';
import { setupMam } from '../../../../electron/core/xmpp/mam/mam.ts';
import { NS_MAM, NS_MAM_EXTENDED, NS_RSM } from '../../../../electron/core/xmpp/mam/mam-stanzas.ts';
import { fakeConnection } from '../fake-connection.ts';

const own = 'bob@x';
const peer = 'alice@x';
const base = Date.UTC(2026, 10, 23, 12, 0, 0);

interface Item {
  readonly id: string;
  /** Whole seconds, as Prosody keeps them. */
  readonly at: number;
  readonly with: string;
  readonly body: string;
}

/** An archive that answers the way Prosody 0.12's mod_mam does: pages backwards by RSM <before/>, filters by the form. */
function archiveServer(items: Item[], options: { extended?: boolean; refuseAfterId?: boolean; serverMax?: number; alsoSend?: (queryid: string) => Element[] } = {}) {
  const queries: Element[] = [];
  let failNext = false;
  const fake = fakeConnection(async (request) => {
    if (request.getChild('query', NS_DISCO_INFO)) {
      const features = [NS_MAM, ...(options.extended ? [NS_MAM_EXTENDED] : [])];
      return xml('iq', { type: 'result' }, xml('query', { xmlns: NS_DISCO_INFO }, ...features.map((feature) => xml('feature', { var: feature }))));
    }
    const query = request.getChild('query', NS_MAM);
    if (!query) throw new Error('unexpected request');
    queries.push(query);
    if (failNext) {
      failNext = false;
      throw new StanzaError('internal-server-error', '');
    }
    const form = new Map(query.getChild('x', 'jabber:x:data')?.getChildren('field').map((field) => [field.attrs.var, field.getChildText('value') ?? '']) ?? []);
    let matching = items.filter((item) => (!form.has('with') || item.with === form.get('with')) && (!form.has('start') || item.at >= Date.parse(form.get('start') ?? '')) && (!form.has('end') || item.at <= Date.parse(form.get('end') ?? '')));
    const afterId = form.get('after-id');
    if (afterId !== undefined) {
      const index = matching.findIndex((item) => item.id === afterId);
      if (index === -1 && options.refuseAfterId) throw new StanzaError('item-not-found', '');
      matching = matching.slice(index + 1);
    }
    const set = query.getChild('set', NS_RSM);
    const before = set?.getChildText('before') ?? '';
    if (before !== '') {
      const index = matching.findIndex((item) => item.id === before);
      if (index === -1) throw new StanzaError('item-not-found', '');
      matching = matching.slice(0, index);
    }
    const max = Math.min(Number(set?.getChildText('max') ?? 20), options.serverMax ?? 50);
    const page = matching.slice(Math.max(0, matching.length - max));
    for (const item of page) {
      const stamp = new Date(item.at).toISOString();
      const forwarded = xml('message', { from: `${item.with}/phone`, to: own, type: 'chat' }, xml('body', {}, item.body));
      await fake.receive(xml('message', { to: `${own}/desk` }, xml('result', { xmlns: NS_MAM, queryid: query.attrs.queryid, id: item.id }, xml('forwarded', { xmlns: NS_FORWARD }, xml('delay', { xmlns: 'urn:xmpp:delay', stamp }), forwarded))));
    }
    for (const stanza of options.alsoSend?.(String(query.attrs.queryid)) ?? []) await fake.receive(stanza);
    const complete = page.length === matching.length;
    const rsm = page.length === 0 ? [] : [xml('first', {}, page[0]?.id), xml('last', {}, page.at(-1)?.id)];
    return xml('iq', { type: 'result' }, xml('fin', { xmlns: NS_MAM, ...(complete ? { complete: 'true' } : {}) }, xml('set', { xmlns: NS_RSM }, ...rsm)));
  });
  return { fake, queries, failNextQuery: () => void (failNext = true) };
}

const items = (count: number, from = 1, who = peer): Item[] =>
  Array.from({ length: count }, (_, index) => ({ id: `a-${from + index}`, at: base + (from + index) * 1_000, with: who, body: `m${from + index}` }));

function setUp(archive: ReturnType<typeof archiveServer>, failing?: { body: string | undefined }) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: own, resource: 'desk', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const store = createMessageStore(db);
  const ingested: { body: string; context: MessageContext }[] = [];
  const progress: ArchiveSync[] = [];
  const mam = setupMam({
    accountId: 'a1',
    ownJid: own,
    connection: archive.fake.connection,
    accountInfo: createAccountInfo(archive.fake.connection, own),
    store,
    logger: silentLogger,
    // Stands for chat: the archived copy is stored with its archive id.
    intake: {
      prepare: (message, context) => {
        if (message.getChildText('body') === failing?.body) return Promise.reject(new Error('the pipeline cannot take this one'));
        return Promise.resolve({ parsed: { direction: 'in', kind: 'chat', peer, from: peer, body: message.getChildText('body') ?? '', receiptRequested: false, markable: false }, context, at: context.timestamp ?? 0 });
      },
      apply: ({ parsed, context }) => {
        ingested.push({ body: parsed.body ?? '', context });
        store.insert({ id: context.stanzaId ?? '', accountId: 'a1', peer, kind: 'chat', direction: 'in', body: parsed.body ?? '', timestamp: context.timestamp ?? 0, state: 'received', ...(context.stanzaId ? { stanzaId: context.stanzaId } : {}) });
      },
    },
    onProgress: (sync) => progress.push(sync),
    now: () => base + 1_000_000,
  });
  return { store, mam, ingested, progress };
}

const rsmBefore = (query: Element) => query.getChild('set', NS_RSM)?.getChildText('before');
const formValue = (query: Element, name: string) => query.getChild('x', 'jabber:x:data')?.getChildren('field').find((field) => field.attrs.var === name)?.getChildText('value');

describe('catch-up', () => {
  it('says it is catching up from its first page until it is done', async () => {
    const archive = archiveServer(items(60), { serverMax: 50 });
    const { mam, progress } = setUp(archive);
    const seen: boolean[] = [];
    expect(mam.catchingUp()).toBe(false);
    const running = mam.catchUp();
    await new Promise((resolve) => setImmediate(resolve));
    seen.push(mam.catchingUp());
    await running;
    seen.push(mam.catchingUp());
    expect(seen).toEqual([true, false]);
    expect(progress.at(-1)?.status).toBe('idle');
  });

  it('says when its first page is asked for, before the answer, so that later questions queue behind it', async () => {
    const archive = archiveServer(items(60), { serverMax: 50 });
    const { mam, ingested } = setUp(archive);
    const heard: [number, number][] = [];
    await mam.catchUp(() => heard.push([archive.queries.length, ingested.length]));
    // Asked with the first query out and nothing yet taken in; once for each page asked.
    expect(heard[0]).toEqual([1, 0]);
    expect(heard).toHaveLength(2);
  });

  it('fetches newest pages first down to the cursor, then moves the cursor to the newest id', async () => {
    const archive = archiveServer(items(120), { serverMax: 50 });
    const { store, mam, ingested, progress } = setUp(archive);
    store.setArchiveCursor('a1', own, { id: 'a-10', timestamp: base + 10_000 });

    await mam.catchUp();
    expect(archive.queries.map((query) => [rsmBefore(query), formValue(query, 'start')])).toEqual([
      ['', '2026-11-23T12:00:10Z'],
      ['a-71', '2026-11-23T12:00:10Z'],
      ['a-21', '2026-11-23T12:00:10Z'],
    ]);
    // Each page oldest first, pages newest first; the archive id and time go with each message.
    expect(ingested.slice(0, 2).map(({ body }) => body)).toEqual(['m71', 'm72']);
    expect(ingested[0]?.context).toEqual({ source: 'archive', archive: own, stanzaId: 'a-71', timestamp: base + 71_000 });
    expect(ingested.at(-1)?.body).toBe('m20');
    expect(new Set(ingested.map(({ body }) => body)).size).toBe(111);
    expect(store.archiveCursor('a1', own)).toEqual({ id: 'a-120', timestamp: base + 120_000 });
    expect(progress).toEqual([
      { status: 'syncing', fetched: 0 },
      { status: 'syncing', fetched: 50 },
      { status: 'syncing', fetched: 100 },
      { status: 'syncing', fetched: 111 },
      { status: 'idle', fetched: 111 },
    ]);
  });

  it('asks only for what follows the cursor when the server takes after-id', async () => {
    const archive = archiveServer(items(30), { extended: true });
    const { store, mam, ingested } = setUp(archive);
    store.setArchiveCursor('a1', own, { id: 'a-25', timestamp: base + 25_000 });
    await mam.catchUp();
    expect(archive.queries.map((query) => formValue(query, 'after-id'))).toEqual(['a-25']);
    expect(ingested.map(({ body }) => body)).toEqual(['m26', 'm27', 'm28', 'm29', 'm30']);
    expect(store.archiveCursor('a1', own)?.id).toBe('a-30');
  });

  it('falls back to the cursor’s time when the server no longer knows its id', async () => {
    const archive = archiveServer(items(30), { extended: true, refuseAfterId: true });
    const { store, mam, ingested } = setUp(archive);
    store.setArchiveCursor('a1', own, { id: 'expired', timestamp: base + 28_000 });
    await mam.catchUp();
    expect(archive.queries.map((query) => formValue(query, 'after-id') ?? null)).toEqual(['expired', null]);
    expect(ingested.map(({ body }) => body)).toEqual(['m28', 'm29', 'm30']);
    expect(store.archiveCursor('a1', own)?.id).toBe('a-30');
  });

  it('without a cursor fetches the recent window and sets the cursor', async () => {
    const archive = archiveServer(items(3));
    const { store, mam } = setUp(archive);
    await mam.catchUp();
    expect(formValue(archive.queries[0] ?? xml('none'), 'start')).toBe(new Date(base + 1_000_000 - 90 * 86_400_000).toISOString().replace('.000Z', 'Z'));
    expect(store.archiveCursor('a1', own)?.id).toBe('a-3');
  });

  it('leaves the cursor where it was when a page fails, so the next catch-up repeats without a gap', async () => {
    const archive = archiveServer(items(120), { serverMax: 50 });
    const { store, mam, progress } = setUp(archive);
    store.setArchiveCursor('a1', own, { id: 'a-10', timestamp: base + 10_000 });
    const first = mam.catchUp();
    // The second page fails.
    await archive.fake.settle();
    archive.failNextQuery();
    await first;
    expect(store.archiveCursor('a1', own)?.id).toBe('a-10');
    expect(progress.at(-1)).toMatchObject({ status: 'failed', fetched: 50 });

    await mam.catchUp();
    expect(store.archiveCursor('a1', own)?.id).toBe('a-120');
    expect(store.page('a1', peer, {}, 200).messages.map((message) => message.body)).toEqual(items(111, 10).map((item) => item.body));
  });

  it('stops between pages once disposed, without moving the cursor', async () => {
    const archive = archiveServer(items(120), { serverMax: 50 });
    const { store, mam } = setUp(archive);
    store.setArchiveCursor('a1', own, { id: 'a-10', timestamp: base + 10_000 });
    const running = mam.catchUp();
    await archive.fake.settle();
    mam.dispose();
    await running;
    expect(archive.queries.length).toBeLessThan(3);
    expect(store.archiveCursor('a1', own)?.id).toBe('a-10');
  });

  it('goes past a message the chat pipeline cannot take, and keeps the cursor so that the next catch-up brings it again', async () => {
    const archive = archiveServer(items(5));
    const failing = { body: 'm3' as string | undefined };
    const { store, mam, ingested, progress } = setUp(archive, failing);
    await mam.catchUp();
    expect(ingested.map(({ body }) => body)).toEqual(['m1', 'm2', 'm4', 'm5']);
    expect(store.archiveCursor('a1', own)).toBeUndefined();
    expect(progress.at(-1)).toEqual({ status: 'idle', fetched: 5 });
    failing.body = undefined;
    await mam.catchUp();
    expect(ingested.map(({ body }) => body).slice(4)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(store.archiveCursor('a1', own)?.id).toBe('a-5');
  });

  it('ignores a result of our query that does not come from our own account', async () => {
    const result = (from: string | undefined, queryid: string, body: string) =>
      xml(
        'message',
        { to: `${own}/desk`, ...(from === undefined ? {} : { from }) },
        xml('result', { xmlns: NS_MAM, queryid, id: body }, xml('forwarded', { xmlns: NS_FORWARD }, xml('message', { from: 'alice@x', type: 'chat' }, xml('body', {}, body)))),
      );
    // While our query runs: one result from another sender with our queryid, one from our account with another queryid.
    const archive = archiveServer(items(2), { alsoSend: (queryid) => [result('mallory@x', queryid, 'forged'), result(own, 'other', 'stray'), result(own, queryid, 'ours')] });
    const { mam, ingested } = setUp(archive);
    await mam.catchUp();
    expect(ingested.map(({ body }) => body)).toEqual(['m1', 'm2', 'ours']);
  });
});

describe('scroll-back', () => {
  it('fetches the page before the oldest stored message, and knows when the archive is exhausted', async () => {
    const archive = archiveServer([...items(30), ...items(5, 100, 'carol@x')]);
    const { store, mam, ingested } = setUp(archive);
    store.insert({ id: 'local-25', accountId: 'a1', peer, kind: 'chat', direction: 'in', body: 'm25', timestamp: base + 25_000, state: 'received', stanzaId: 'a-25' });

    expect(await mam.scrollBack(peer, 20)).toBe('complete');
    expect(archive.queries.map((query) => [formValue(query, 'with'), rsmBefore(query)])).toEqual([[peer, 'a-25']]);
    expect(ingested.map(({ body }) => body)).toEqual(items(24).map((item) => item.body));
    expect(store.archiveComplete('a1', peer)).toBe(true);
  });

  it('pages on until enough messages came, and says more is left', async () => {
    const archive = archiveServer(items(200), { serverMax: 50 });
    const { store, mam, ingested } = setUp(archive);
    store.insert({ id: 'local-200', accountId: 'a1', peer, kind: 'chat', direction: 'in', body: 'm200', timestamp: base + 200_000, state: 'received', stanzaId: 'a-200' });
    expect(await mam.scrollBack(peer, 60)).toBe('more');
    expect(archive.queries.map(rsmBefore)).toEqual(['a-200', 'a-150']);
    expect(ingested).toHaveLength(100);
    expect(store.archiveComplete('a1', peer)).toBe(false);
  });

  it('asks by time when the oldest stored message has no archive id', async () => {
    const archive = archiveServer(items(10));
    const { store, mam } = setUp(archive);
    store.insert({ id: 'local', accountId: 'a1', peer, kind: 'chat', direction: 'in', body: 'old', timestamp: base + 4_500, state: 'received' });
    expect(await mam.scrollBack(peer, 20)).toBe('complete');
    expect(formValue(archive.queries[0] ?? xml('none'), 'end')).toBe('2026-11-23T12:00:04Z');
  });
});

describe('an archive page handed to the chat pipeline', () => {
  it('prepares every message of the page before one transaction applies them, keeping the archive’s order within a second', async () => {
    const contexts: MessageContext[] = [];
    const phases: string[] = [];
    const message = xml('message', { type: 'chat', from: 'a@x/r', to: 'b@x' }, xml('body', {}, 'hi'));
    const second = Date.parse('2026-11-23T10:00:01Z');
    const results = [second, second, second, second + 1000, second + 1234, second + 1234].map((timestamp, index) => ({ id: `r${String(index)}`, message, timestamp }));
    let batches = 0;
    const store = { batch: <T>(work: () => T): T => ((batches += 1), phases.push('begin'), work()) };
    const intake = {
      prepare: (_message: Element, context: MessageContext) => {
        phases.push('prepare');
        return Promise.resolve({ parsed: { direction: 'in', kind: 'chat', peer, from: peer, receiptRequested: false, markable: false } as const, context, at: 0 });
      },
      apply: ({ context }: { context: MessageContext }) => void (phases.push('apply'), contexts.push(context)),
    };
    expect(await ingestPage({ intake, archive: own, logger: silentLogger, store }, { results, fin: { complete: true } })).toBe(0);
    expect(batches).toBe(1);
    expect(phases).toEqual([...results.map(() => 'prepare'), 'begin', ...results.map(() => 'apply')]);
    expect(contexts.every((context) => context.archive === own && context.source === 'archive')).toBe(true);
    expect(contexts.map((context) => (context.timestamp ?? 0) - second)).toEqual([0, 1, 2, 1000, 1234, 1234]);
    expect(contexts.map((context) => context.stanzaId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
  });
});
