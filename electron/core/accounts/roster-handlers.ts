// The roster.* and subscription.* commands: each finds the account's session and asks the module that does the work.
import type { Handlers, RosterSnapshot, ValidRequest } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { AvatarStore } from '../storage/avatars.ts';
import type { RosterStore } from '../storage/roster.ts';
import { StanzaError } from '../xmpp/errors.ts';
import { toContact } from '../xmpp/roster/contact-view.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import type { AccountSession } from './account-session.ts';
import type { AccountService } from './account-service.ts';
import type { OwnPresenceState } from './own-presence-state.ts';

type RosterCommand = 'roster.snapshot' | 'roster.add' | 'roster.update' | 'roster.remove' | `subscription.${string}`;
export type RosterHandlers = Pick<Handlers, Extract<keyof Handlers, RosterCommand>>;

export interface RosterHandlerDeps {
  readonly accounts: AccountService;
  readonly rosterStore: RosterStore;
  readonly presence: OwnPresenceState;
  readonly avatarStore: AvatarStore;
}

/** RFC 6120 §8.3.3 conditions in words a person can act on. */
function refused(error: unknown, what: string): unknown {
  if (!(error instanceof StanzaError)) return error;
  const detail = error.text ? `: “${error.text}”` : ` (${error.condition})`;
  if (error.condition === 'item-not-found') return new CausetteError('not-found', `The server could not ${what}: there is no such contact${detail}`);
  if (error.condition === 'feature-not-implemented' || error.condition === 'service-unavailable') {
    return new CausetteError('not-supported', `The server does not let us ${what}${detail}`);
  }
  return new CausetteError('bad-request', `The server refused to ${what}${detail}`);
}

export function createRosterHandlers({ accounts, rosterStore, presence, avatarStore }: RosterHandlerDeps): RosterHandlers {
  /** The signed-in session and the contact's normalised bare JID. */
  function target(accountId: string, text: string): { session: AccountSession; jid: string } {
    const entry = accounts.entry(accountId);
    const jid = normaliseBareJid(text);
    if (jid === undefined) throw new CausetteError('bad-request', `“${text}” is not a contact address (name@server, without “/”).`, undefined, { context: 'contactAddress', address: text });
    if (jid === entry.record.jid) throw new CausetteError('bad-request', 'That is the address of this account.', undefined, { context: 'ownAddress' });
    const session = entry.session;
    if (!session || entry.state.status === 'offline') throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
    return { session, jid };
  }
  /** A command on one contact: found, signed in, and with the server's refusal in words. */
  const command =
    <R extends { accountId: string; jid: string }>(what: string, work: (session: AccountSession, jid: string, request: R) => Promise<unknown>) =>
    async (request: R): Promise<null> => {
      const { session, jid } = target(request.accountId, request.jid);
      try {
        await work(session, jid, request);
      } catch (error) {
        throw refused(error, what);
      }
      return null;
    };

  return {
    'roster.snapshot': ({ accountId }): Promise<RosterSnapshot> => {
      const entry = accounts.entry(accountId);
      const session = entry.session;
      const avatars = session ? undefined : avatarStore.contacts(accountId);
      const ownAvatarHash = session?.avatars.ownHash() ?? avatarStore.own(accountId);
      return Promise.resolve({
        contacts: session?.contacts() ?? rosterStore.load(accountId).items.map((item) => toContact(item, undefined, avatars?.get(item.jid)?.hash)),
        requests: rosterStore.requests(accountId),
        presence: presence.effective(accountId),
        recentStatuses: [...presence.recentStatuses(accountId)],
        invisibility: session?.invisibility() ?? 'unknown',
        ...(ownAvatarHash === undefined ? {} : { ownAvatarHash }),
      });
    },
    // RFC 6121 §2.2 then §3.1.1: add the item, ask for the contact's presence unless we have it or asked, and let them see ours.
    'roster.add': command('add this contact', async (session, jid, { name, groups }) => {
      await session.roster.set({ jid, name, groups });
      const item = session.roster.get(jid);
      if (item?.subscription !== 'to' && item?.subscription !== 'both' && !item?.ask) await session.subscriptions.request(jid);
      await session.subscriptions.grantInAdvance(jid);
    }),
    // §2.4 update: a roster set carrying every field we keep (name, groups); leaving out the name keeps it.
    'roster.update': command('change this contact', (session, jid, { name, groups }) => {
      const item = session.roster.get(jid);
      if (!item) throw new CausetteError('not-found', `${jid} is not in the contact list.`, undefined, { context: 'contact', jid });
      return session.roster.set({ jid, name: name ?? item.name, groups });
    }),
    'roster.remove': command('remove this contact', (session, jid) => session.roster.remove(jid)),
    'subscription.approve': command<ValidRequest<'subscription.approve'>>('approve this request', (session, jid, { addBack }) =>
      session.subscriptions.approve(jid, addBack),
    ),
    'subscription.deny': command('deny this request', (session, jid) => session.subscriptions.deny(jid)),
    'subscription.request': command('ask for this contact’s presence', (session, jid) => session.subscriptions.request(jid)),
    'subscription.preapprove': command('approve this contact in advance', (session, jid) => session.subscriptions.preapprove(jid)),
    'subscription.revoke': command('stop sharing your presence', (session, jid) => session.subscriptions.revoke(jid)),
    'subscription.unsubscribe': command('stop receiving this contact’s presence', (session, jid) => session.subscriptions.unsubscribe(jid)),
  };
}
