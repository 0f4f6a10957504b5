// RFC 6121 §3 presence subscriptions: requests kept until answered, approve/deny, pre-approval (§3.4), revoke, unsubscribe.
import xml, { type Element } from '@xmpp/xml';
import type { SubscriptionRequest } from '../../../../shared/model/contact.ts';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { RosterStore } from '../../storage/roster.ts';
import type { Connection } from '../connection.ts';
import type { SubscriptionType } from '../presence/presence-stanza.ts';
import type { Roster } from './roster.ts';
import type { RosterItem } from '../../model/roster-item.ts';

/** §3.4: the stream feature that says the server keeps pre-approvals. */
export const NS_PRE_APPROVAL = 'urn:xmpp:features:pre-approval';

export function buildSubscription(type: SubscriptionType, to: string): Element {
  return xml('presence', { type, to });
}

export interface SubscriptionDeps {
  readonly accountId: string;
  readonly connection: Pick<Connection, 'send'>;
  readonly roster: Pick<Roster, 'get' | 'set' | 'markApproved' | 'clearApproval'>;
  readonly store: RosterStore;
  readonly logger: Logger;
  /** Whether this session's server offered pre-approval. */
  readonly preApproval: () => boolean;
  readonly onRequestsChanged: (requests: SubscriptionRequest[]) => void;
  readonly now?: () => number;
}

const sharesPresence = (item: RosterItem | undefined) => item?.subscription === 'from' || item?.subscription === 'both';
const receivesPresence = (item: RosterItem | undefined) => item?.subscription === 'to' || item?.subscription === 'both';

export function setupSubscriptions(deps: SubscriptionDeps) {
  const { accountId, store } = deps;
  const now = deps.now ?? Date.now;
  const send = (type: SubscriptionType, jid: string) => deps.connection.send(buildSubscription(type, jid));
  const changed = () => deps.onRequestsChanged(store.requests(accountId));
  /** Who has a request stored (only this module writes them): a roster of thousands is not one query per contact. */
  const pending = new Set(store.requests(accountId).map((request) => request.jid));

  function forget(jid: string): void {
    if (!pending.delete(jid)) return;
    if (store.removeRequest(accountId, jid)) changed();
  }

  /** §3.4: an approval given in advance is taken back with the 'unsubscribed' just sent. */
  async function withdrawApproval(jid: string): Promise<void> {
    const item = deps.roster.get(jid);
    if (!item?.approved) return;
    deps.roster.clearApproval(jid);
    // Prosody 0.12 keeps its pre-approval through 'unsubscribed' but rebuilds the item, without it, on a roster set.
    if (deps.preApproval() && !sharesPresence(item)) await deps.roster.set({ jid, name: item.name, groups: item.groups });
  }

  return {
    requests: (): SubscriptionRequest[] => store.requests(accountId),

    /** An incoming subscription presence from `jid`. */
    received(type: SubscriptionType, jid: string, message: string | undefined): void {
      if (type === 'subscribe') {
        const item = deps.roster.get(jid);
        // §3.1.3: already subscribed (or pre-approved): answer without asking the user twice.
        if (sharesPresence(item) || item?.approved) {
          send('subscribed', jid).catch((error: unknown) => deps.logger.warn('could not answer a subscription request', { error: String(error) }));
          return;
        }
        const existing = store.requests(accountId).find((request) => request.jid === jid);
        // The server repeats pending requests at each login (§3.1.3): keep the first arrival time.
        const dropped = store.putRequest(accountId, { jid, ...(message === undefined ? {} : { message }), receivedAt: existing?.receivedAt ?? now() });
        pending.add(jid);
        for (const gone of dropped) pending.delete(gone);
        if (dropped.length > 0) deps.logger.info('too many pending subscription requests: the oldest were dropped', { count: dropped.length });
        if (!existing || existing.message !== message || dropped.length > 0) changed();
      } else if (type === 'unsubscribe') {
        // §3.3.3: the contact withdrew its request (or its subscription).
        forget(jid);
      }
    },

    /** The roster changed: a request approved elsewhere, or a contact removed, is no longer pending. */
    rosterChanged(jid: string, item: RosterItem | undefined): void {
      if (item === undefined || sharesPresence(item)) forget(jid);
    },

    /** §3.1.4 approve; with addBack, also ask for theirs (§3.1.1), adding the contact first if needed. */
    async approve(jid: string, addBack: boolean): Promise<void> {
      if (addBack && !deps.roster.get(jid)) await deps.roster.set({ jid, groups: [] });
      await send('subscribed', jid);
      const item = deps.roster.get(jid);
      if (addBack && !receivesPresence(item) && !item?.ask) await send('subscribe', jid);
      forget(jid);
    },

    /** §3.2.1 deny a request; an approval given before is withdrawn with it (§3.4). */
    async deny(jid: string): Promise<void> {
      await send('unsubscribed', jid);
      await withdrawApproval(jid);
      forget(jid);
    },

    /** §3.1.1 ask to see the contact's presence. */
    request: (jid: string) => send('subscribe', jid),

    /** §3.4 approve before being asked, when the server supports it. */
    async preapprove(jid: string): Promise<void> {
      if (!deps.preApproval()) {
        throw new CausetteError('not-supported', 'This account’s server does not support approving a contact before they ask (RFC 6121 §3.4).', undefined, {
          context: 'preapproval',
        });
      }
      if (sharesPresence(deps.roster.get(jid))) return;
      await send('subscribed', jid);
      deps.roster.markApproved(jid);
    },

    /**
     * Adding a contact also lets them see us when they ask back (as Gajim and Conversations do): a server-side
     * pre-approval where offered (§3.4), else a note that makes us approve their request without asking.
     */
    async grantInAdvance(jid: string): Promise<void> {
      if (sharesPresence(deps.roster.get(jid))) return;
      if (deps.preApproval()) await send('subscribed', jid);
      deps.roster.markApproved(jid);
    },

    /** §3.2 stop sharing our presence with the contact (this also refuses a pending request and cancels a pre-approval, §3.4). */
    async revoke(jid: string): Promise<void> {
      await send('unsubscribed', jid);
      await withdrawApproval(jid);
      forget(jid);
    },

    /** §3.3 stop receiving the contact's presence. */
    unsubscribe: (jid: string) => send('unsubscribe', jid),
  };
}

export type Subscriptions = ReturnType<typeof setupSubscriptions>;
