// Unit tests of the XEP-0313 paging cursor logic: the next page to ask for, and when catching up or scrolling back stops.
import { describe, expect, it } from 'vitest';
import {
  archiveExhausted,
  caughtUp,
  FIRST_SYNC_DAYS,
  FIRST_SYNC_MAX_MESSAGES,
  firstCatchUpPage,
  MAX_CATCH_UP_PAGES,
  MAX_SCROLL_BACK_PAGES,
  newestOf,
  nextCatchUpStep,
  nextScrollBackStep,
  PAGE_SIZE,
  scrollBackPage,
  type CatchUpPlan,
} from '../../../../electron/core/xmpp/mam/paging.ts';

const now = Date.UTC(2026, 10, 23, 12, 0, 0);
const cursor = { id: 'c-10', timestamp: now - 3_600_000 };
const withCursor: CatchUpPlan = { cursor, extended: false, now };
const early = { pages: 1, fetched: 50 };

describe('the first page of a catch-up', () => {
  it('asks for the newest page since the cursor’s time', () => {
    expect(firstCatchUpPage(withCursor)).toEqual({ before: '', max: PAGE_SIZE, start: cursor.timestamp });
  });

  it('also names the cursor’s id when the server takes after-id', () => {
    expect(firstCatchUpPage({ ...withCursor, extended: true })).toEqual({ before: '', max: PAGE_SIZE, start: cursor.timestamp, afterId: 'c-10' });
  });

  it('without a cursor goes back a bounded window from now', () => {
    expect(firstCatchUpPage({ cursor: undefined, extended: true, now })).toEqual({ before: '', max: PAGE_SIZE, start: now - FIRST_SYNC_DAYS * 86_400_000 });
  });
});

describe('the next step of a catch-up', () => {
  const request = firstCatchUpPage(withCursor);

  it('pages backwards from the oldest id of the page', () => {
    const step = nextCatchUpStep(withCursor, request, { ids: ['c-60', 'c-61'], first: 'c-60', complete: false }, early);
    expect(step).toEqual({ kind: 'next', request: { ...request, before: 'c-60' } });
  });

  it('uses the oldest result when the answer names no first id', () => {
    expect(nextCatchUpStep(withCursor, request, { ids: ['c-60', 'c-61'], complete: false }, early)).toMatchObject({ request: { before: 'c-60' } });
  });

  it('stops when the archive says the query is complete', () => {
    const step = nextCatchUpStep(withCursor, request, { ids: ['c-11'], first: 'c-11', complete: true }, early);
    expect(step).toEqual({ kind: 'done', reason: 'complete' });
    expect(caughtUp(step)).toBe(true);
  });

  it('stops at the page that holds the cursor', () => {
    const step = nextCatchUpStep(withCursor, { ...request, before: 'c-20' }, { ids: ['c-9', 'c-10', 'c-11'], first: 'c-9', complete: false }, early);
    expect(step).toEqual({ kind: 'done', reason: 'reached-cursor' });
    expect(caughtUp(step)).toBe(true);
  });

  it('stops without moving the cursor when the server repeats the page or sends none', () => {
    const repeated = nextCatchUpStep(withCursor, { ...request, before: 'c-60' }, { ids: ['c-60'], first: 'c-60', complete: false }, early);
    const empty = nextCatchUpStep(withCursor, request, { ids: [], complete: false }, early);
    expect([repeated, empty]).toEqual([
      { kind: 'done', reason: 'stalled' },
      { kind: 'done', reason: 'stalled' },
    ]);
    expect(caughtUp(repeated)).toBe(false);
  });

  it('stops at the hard page bound', () => {
    expect(nextCatchUpStep(withCursor, request, { ids: ['c-60'], first: 'c-60', complete: false }, { pages: MAX_CATCH_UP_PAGES, fetched: 1 })).toEqual({
      kind: 'done',
      reason: 'bound',
    });
  });

  it('without a cursor stops once the first-sync bound of messages is fetched', () => {
    const plan: CatchUpPlan = { cursor: undefined, extended: false, now };
    const page = { ids: ['x-1'], first: 'x-1', complete: false };
    expect(nextCatchUpStep(plan, firstCatchUpPage(plan), page, { pages: 3, fetched: FIRST_SYNC_MAX_MESSAGES - 1 }).kind).toBe('next');
    expect(nextCatchUpStep(plan, firstCatchUpPage(plan), page, { pages: 3, fetched: FIRST_SYNC_MAX_MESSAGES })).toEqual({ kind: 'done', reason: 'bound' });
  });
});

describe('a room’s first join (XEP-0313 §4 at the room)', () => {
  it('asks for the room’s last messages only, and stops once they are here', () => {
    const plan: CatchUpPlan = { cursor: undefined, extended: true, now, firstSyncMessages: 50 };
    expect(firstCatchUpPage(plan)).toEqual({ before: '', max: 50, start: now - FIRST_SYNC_DAYS * 86_400_000 });
    const page = { ids: ['r-1'], first: 'r-1', complete: false };
    expect(nextCatchUpStep(plan, firstCatchUpPage(plan), page, { pages: 1, fetched: 49 }).kind).toBe('next');
    expect(nextCatchUpStep(plan, firstCatchUpPage(plan), page, { pages: 1, fetched: 50 })).toEqual({ kind: 'done', reason: 'bound' });
  });
});

describe('the cursor a catch-up leaves', () => {
  it('is the newest result of the first page, with its archive time', () => {
    expect(newestOf([{ id: 'a', timestamp: 1_000 }, { id: 'b', timestamp: 2_000 }], now)).toEqual({ id: 'b', timestamp: 2_000 });
  });

  it('is now when the newest result carries no time, and nothing for an empty page', () => {
    expect(newestOf([{ id: 'a' }], now)).toEqual({ id: 'a', timestamp: now });
    expect(newestOf([], now)).toBeUndefined();
  });
});

describe('scrolling back', () => {
  it('asks for the page before the oldest stored message’s archive id', () => {
    expect(scrollBackPage('bob@x', { stanzaId: 's-5', timestamp: 5_000 })).toEqual({ with: 'bob@x', before: 's-5', max: PAGE_SIZE });
  });

  it('asks by time when the oldest stored message has no archive id', () => {
    expect(scrollBackPage('bob@x', { timestamp: 5_000 })).toEqual({ with: 'bob@x', end: 5_000, before: '', max: PAGE_SIZE });
  });

  it('asks a room’s archive without a filter: the archive is the room’s conversation', () => {
    expect(scrollBackPage(undefined, { stanzaId: 'r-5', timestamp: 5_000 })).toEqual({ before: 'r-5', max: PAGE_SIZE });
    expect(scrollBackPage(undefined, { timestamp: 5_000 })).toEqual({ end: 5_000, before: '', max: PAGE_SIZE });
  });

  it('asks for the newest page of the conversation when nothing is stored', () => {
    expect(scrollBackPage('bob@x', undefined)).toEqual({ with: 'bob@x', before: '', max: PAGE_SIZE });
  });

  it('knows the archive is exhausted when the answer is complete or empty', () => {
    expect(archiveExhausted({ ids: ['a'], first: 'a', complete: true })).toBe(true);
    expect(archiveExhausted({ ids: [], complete: false })).toBe(true);
    expect(archiveExhausted({ ids: ['a'], first: 'a', complete: false })).toBe(false);
  });

  const request = scrollBackPage('bob@x', { stanzaId: 's-50', timestamp: 5_000 });

  it('goes on past pages of receipts and markers until enough messages came', () => {
    const step = nextScrollBackStep(request, { ids: ['s-40', 's-49'], first: 's-40', complete: false }, { pages: 1, messages: 0 }, 20);
    expect(step).toEqual({ kind: 'next', request: { ...request, before: 's-40' } });
  });

  it('stops with more left once enough messages came, or after its page bound', () => {
    const page = { ids: ['s-40', 's-49'], first: 's-40', complete: false };
    expect(nextScrollBackStep(request, page, { pages: 1, messages: 20 }, 20)).toEqual({ kind: 'done', exhausted: false });
    expect(nextScrollBackStep(request, page, { pages: MAX_SCROLL_BACK_PAGES, messages: 0 }, 20)).toEqual({ kind: 'done', exhausted: false });
  });

  it('stops at the start of the archive', () => {
    expect(nextScrollBackStep(request, { ids: ['s-1'], first: 's-1', complete: true }, { pages: 1, messages: 1 }, 20)).toEqual({ kind: 'done', exhausted: true });
    expect(nextScrollBackStep(request, { ids: [], complete: false }, { pages: 2, messages: 1 }, 20)).toEqual({ kind: 'done', exhausted: true });
  });

  it('stops without claiming the start when the server repeats the page', () => {
    expect(nextScrollBackStep(request, { ids: ['s-50'], first: 's-50', complete: false }, { pages: 1, messages: 0 }, 20)).toEqual({ kind: 'done', exhausted: false });
  });
});
