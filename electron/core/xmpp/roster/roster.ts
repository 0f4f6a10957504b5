// RFC 6121 §2 roster: fetched on each fresh session with XEP-0237 versioning, kept current by pushes (§2.1.6), edited by sets.
import type { Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';
import type { RosterStore } from '../../storage/roster.ts';
import type { Connection } from '../connection.ts';
import { IqReplyError, type IqRouter } from '../iq-router.ts';
import type { RosterItem } from '../../model/roster-item.ts';
import { buildRosterGet, buildRosterRemove, buildRosterSet, NS_ROSTER, parseRosterQuery, parseRosterResult, type RosterChange } from './roster-items.ts';

export interface RosterDeps {
  readonly accountId: string;
  /** Our bare JID: the only 'from' a push may carry. */
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'iq'>;
  readonly router: IqRouter;
  readonly store: RosterStore;
  readonly logger: Logger;
  /** An item was added or changed (item) or removed (undefined). */
  readonly onChange: (jid: string, item: RosterItem | undefined) => void;
}

/** §3.4: servers that do not echo 'approved' (Prosody 0.12) still hold the pre-approval until it is used. */
function keepApproval(item: RosterItem, before: RosterItem | undefined): RosterItem {
  const pending = item.subscription === 'none' || item.subscription === 'to';
  return !item.approved && before?.approved && pending ? { ...item, approved: true } : item;
}

const sameGroups = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((group, i) => group === b[i]);

function sameItem(a: RosterItem | undefined, b: RosterItem): boolean {
  return (
    a !== undefined &&
    a.jid === b.jid &&
    a.name === b.name &&
    a.subscription === b.subscription &&
    a.ask === b.ask &&
    a.approved === b.approved &&
    sameGroups(a.groups, b.groups)
  );
}

export function setupRoster(deps: RosterDeps) {
  const { accountId, store } = deps;
  let items = new Map<string, RosterItem>(store.load(accountId).items.map((item) => [item.jid, item]));
  /** A fetched roster not yet written: the contacts are reported first, the store follows (persist). */
  let unwritten: (() => void) | undefined;

  /** Writes a fetched roster still waiting; anything else that touches the store does this first, so writes keep their order. */
  function persist(): void {
    const write = unwritten;
    unwritten = undefined;
    write?.();
  }

  function applyChange(change: RosterChange, ver: string | undefined): void {
    persist();
    if (change.kind === 'remove') {
      const existed = items.delete(change.jid);
      store.remove(accountId, change.jid, ver);
      if (existed) deps.onChange(change.jid, undefined);
      return;
    }
    const item = keepApproval(change.item, items.get(change.item.jid));
    items.set(item.jid, item);
    store.put(accountId, item, ver);
    deps.onChange(item.jid, item);
  }

  /** The fetched roster takes the place of the one we had; only what differs is reported. */
  function replaceAll(next: Map<string, RosterItem>, ver: string | undefined): void {
    const before = items;
    items = next;
    for (const jid of before.keys()) if (!next.has(jid)) deps.onChange(jid, undefined);
    for (const [jid, fetched] of next) {
      const previous = before.get(jid);
      const item = keepApproval(fetched, previous);
      if (item !== fetched) next.set(jid, item);
      if (!sameItem(previous, item)) deps.onChange(jid, item);
    }
    // Every later change persists first, so the items are still these when this runs.
    unwritten = () => store.replace(accountId, [...items.values()], ver);
  }

  // §2.1.6: a push comes from our own server (no 'from') or our bare JID; anything else could be a spoof.
  const removePushHandler = deps.router.handle('set', 'query', NS_ROSTER, (stanza: Element, query: Element) => {
    const from = stanza.attrs.from;
    if (from !== undefined && from.toLowerCase() !== deps.ownJid) throw new IqReplyError('cancel', 'service-unavailable');
    const { changes, ver } = parseRosterQuery(query);
    // §2.1.6: exactly one item per push.
    if (changes.length !== 1 || query.getChildren('item').length !== 1) throw new IqReplyError('modify', 'bad-request');
    for (const change of changes) applyChange(change, ver);
    return undefined;
  });

  return {
    items: (): RosterItem[] => [...items.values()],
    get: (jid: string): RosterItem | undefined => items.get(jid),

    /**
     * §2.2 roster get at the start of a fresh session; `versioning` when the server offers XEP-0237. Returns whether it was
     * downloaded; a downloaded roster is reported at once and written to the store by persist() (or before the next change).
     * `ask` sends the request (the connection's iq by default; the bound session's, before XEP-0198 is enabled).
     */
    async fetch(versioning: boolean, ask: (request: Element) => Promise<Element> = (request) => deps.connection.iq(request)): Promise<boolean> {
      persist();
      const ver = versioning ? (store.version(accountId) ?? '') : undefined;
      const reply = await ask(buildRosterGet(ver));
      const query = reply.getChild('query', NS_ROSTER);
      // XEP-0237 §3: an empty result means the stored roster is current.
      if (!query) return false;
      const parsed = parseRosterResult(query);
      replaceAll(parsed.items, versioning ? parsed.ver : undefined);
      return true;
    },

    /** §2.3: adds or updates an item (name, groups); the server's push brings the result. */
    async set(item: { jid: string; name?: string | undefined; groups: readonly string[] }): Promise<void> {
      await deps.connection.iq(buildRosterSet(item));
    },

    /** §2.5: removes the item, which also cancels both subscriptions. */
    async remove(jid: string): Promise<void> {
      await deps.connection.iq(buildRosterRemove(jid));
    },

    /** §3.4: remembers a pre-approval the server will not echo; the item appears at once if it was not there. */
    markApproved(jid: string): void {
      persist();
      const before = items.get(jid);
      const item: RosterItem = { ...(before ?? { jid, groups: [], subscription: 'none', ask: false }), approved: true };
      items.set(jid, item);
      store.put(accountId, item, store.version(accountId));
      deps.onChange(jid, item);
    },

    /** §3.4: the user took back the approval; a later request from the contact is asked again. */
    clearApproval(jid: string): void {
      persist();
      const before = items.get(jid);
      if (!before?.approved) return;
      const item: RosterItem = { ...before, approved: false };
      items.set(jid, item);
      store.put(accountId, item, store.version(accountId));
      deps.onChange(jid, item);
    },

    persist,

    dispose(): void {
      removePushHandler();
      persist();
    },
  };
}

export type Roster = ReturnType<typeof setupRoster>;
