// XEP-0313 paging with XEP-0059 (pure): which page to ask for next when catching up or scrolling back, and when to stop.
import type { Message } from '../../../../shared/model/message.ts';
import type { ArchiveCursor } from '../../storage/messages.ts';

/** What one archive query asks for (§4.1, §5.1 form fields, XEP-0059 §2.5 paging backwards). */
export interface PageRequest {
  readonly with?: string;
  /** Epoch ms; the form carries whole seconds. */
  readonly start?: number;
  readonly end?: number;
  /** §6.1.1 (#extended): only what the archive holds after this id. */
  readonly afterId?: string;
  /** The page just before this archive id; '' for the last page of what matches. */
  readonly before: string;
  readonly max: number;
}

/** What a page told us: its archive ids oldest first, XEP-0059 <first/>, and whether it reached the end (§4.3). */
export interface PageSeen {
  readonly ids: readonly string[];
  readonly first?: string;
  readonly complete: boolean;
}

/** Servers cap pages by themselves (Prosody 0.12 at 50); the answer's <fin/> says when more exists. */
export const PAGE_SIZE = 100;
/** Without a cursor (first sign-in on this profile), how far back the catch-up goes; older history comes by scrolling back. */
export const FIRST_SYNC_DAYS = 90;
export const FIRST_SYNC_MAX_MESSAGES = 20_000;
/** A hard stop whatever the server answers. */
export const MAX_CATCH_UP_PAGES = 500;
const DAY_MS = 86_400_000;

export interface CatchUpPlan {
  /** The newest archive id fully caught up to, if any. */
  readonly cursor: ArchiveCursor | undefined;
  /** The server takes after-id (§6.1.1). */
  readonly extended: boolean;
  readonly now: number;
  /** Without a cursor, how many messages the catch-up fetches at most; default FIRST_SYNC_MAX_MESSAGES (a room's first join takes fewer). */
  readonly firstSyncMessages?: number;
}

export type CatchUpStep =
  | { readonly kind: 'next'; readonly request: PageRequest }
  /** 'stalled': the server repeated a page or gave none; what was fetched is kept, the cursor is not moved. */
  | { readonly kind: 'done'; readonly reason: 'complete' | 'reached-cursor' | 'bound' | 'stalled' };

/** The newest page first, so the conversation on screen fills quickly; bounded below by the cursor (or the first-sync window). */
export function firstCatchUpPage(plan: CatchUpPlan): PageRequest {
  const { cursor } = plan;
  if (!cursor) return { before: '', max: Math.min(PAGE_SIZE, plan.firstSyncMessages ?? PAGE_SIZE), start: plan.now - FIRST_SYNC_DAYS * DAY_MS };
  // The start bound also holds when the cursor's id has expired from the archive and after-id matches nothing.
  return { before: '', max: PAGE_SIZE, start: cursor.timestamp, ...(plan.extended ? { afterId: cursor.id } : {}) };
}

/** After a page of the catch-up: the page before it, or the end. */
export function nextCatchUpStep(plan: CatchUpPlan, request: PageRequest, page: PageSeen, progress: { readonly pages: number; readonly fetched: number }): CatchUpStep {
  if (page.complete) return { kind: 'done', reason: 'complete' };
  if (plan.cursor && page.ids.includes(plan.cursor.id)) return { kind: 'done', reason: 'reached-cursor' };
  const first = page.first ?? page.ids[0];
  if (first === undefined || first === request.before) return { kind: 'done', reason: 'stalled' };
  if (progress.pages >= MAX_CATCH_UP_PAGES || (!plan.cursor && progress.fetched >= (plan.firstSyncMessages ?? FIRST_SYNC_MAX_MESSAGES))) return { kind: 'done', reason: 'bound' };
  return { kind: 'next', request: { ...request, before: first } };
}

/** Whether the catch-up may move the cursor: it saw everything down to the old cursor, or all it meant to fetch. */
export function caughtUp(step: CatchUpStep): boolean {
  return step.kind === 'done' && step.reason !== 'stalled';
}

/** The cursor after a catch-up: the newest result of its first page that had any (pages come newest first). */
export function newestOf(results: readonly { readonly id: string; readonly timestamp?: number }[], now: number): ArchiveCursor | undefined {
  const newest = results.at(-1);
  return newest ? { id: newest.id, timestamp: newest.timestamp ?? now } : undefined;
}

/** Pages one scroll-back may ask for: receipts and markers are archived too, and can fill whole pages. */
export const MAX_SCROLL_BACK_PAGES = 5;

export type ScrollBackStep =
  | { readonly kind: 'next'; readonly request: PageRequest }
  /** exhausted: the archive holds nothing older for the conversation. */
  | { readonly kind: 'done'; readonly exhausted: boolean };

/**
 * Scrolling back in one conversation: the page before the oldest message stored, by its archive id when it has one.
 * `peer` filters our own archive by the other party; undefined for a room's archive, asked at the room's JID, which is the conversation (§4).
 */
export function scrollBackPage(peer: string | undefined, oldest: Pick<Message, 'stanzaId' | 'timestamp'> | undefined): PageRequest {
  const filter = peer === undefined ? {} : { with: peer };
  if (oldest?.stanzaId !== undefined) return { ...filter, before: oldest.stanzaId, max: PAGE_SIZE };
  if (oldest) return { ...filter, end: oldest.timestamp, before: '', max: PAGE_SIZE };
  return { ...filter, before: '', max: PAGE_SIZE };
}

/** The archive holds nothing older for the conversation. */
export function archiveExhausted(page: PageSeen): boolean {
  return page.complete || page.ids.length === 0;
}

/** After a page of scroll-back, with how many messages with a body the pages so far held: the page before, or the end. */
export function nextScrollBackStep(request: PageRequest, page: PageSeen, progress: { readonly pages: number; readonly messages: number }, wanted: number): ScrollBackStep {
  if (archiveExhausted(page)) return { kind: 'done', exhausted: true };
  const first = page.first ?? page.ids[0];
  if (progress.messages >= wanted || progress.pages >= MAX_SCROLL_BACK_PAGES || first === undefined || first === request.before) return { kind: 'done', exhausted: false };
  return { kind: 'next', request: { ...request, before: first } };
}
