// The blocking.* commands (XEP-0191, with XEP-0377 reports) and contact.details (XEP-0054, XEP-0092) on the account's session.
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { Logger } from '../log/logger.ts';
import { normaliseBlockedJid } from '../xmpp/blocking/blocklist.ts';
import { StanzaError } from '../xmpp/errors.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import { fetchContactDetails } from '../xmpp/vcard/contact-details.ts';
import type { AccountSession } from './account-session.ts';
import type { AccountService } from './account-service.ts';

type BlockingCommand = 'contact.details' | 'blocking.list' | 'blocking.block' | 'blocking.unblock';

export interface BlockingHandlerDeps {
  readonly accounts: AccountService;
  readonly logger: Logger;
}

function refused(error: unknown, what: string): unknown {
  if (!(error instanceof StanzaError)) return error;
  const detail = error.text ? `: “${error.text}”` : ` (${error.condition})`;
  if (error.condition === 'feature-not-implemented' || error.condition === 'service-unavailable') {
    return new CausetteError('not-supported', `The server does not let us ${what}${detail}`);
  }
  return new CausetteError('bad-request', `The server refused to ${what}${detail}`);
}

export function createBlockingHandlers({ accounts, logger }: BlockingHandlerDeps): Pick<Handlers, BlockingCommand> {
  function online(accountId: string): { session: AccountSession; ownJid: string } {
    const entry = accounts.entry(accountId);
    const session = entry.session;
    if (!session || entry.state.status !== 'online') throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
    return { session, ownJid: entry.record.jid };
  }

  function address(text: string, normalise: (text: string) => string | undefined, ownJid: string): string {
    const jid = normalise(text);
    if (jid === undefined) throw new CausetteError('bad-request', `“${text}” is not a valid address.`, undefined, { context: 'address', address: text });
    if (jid === ownJid) throw new CausetteError('bad-request', 'That is the address of this account.', undefined, { context: 'ownAddress' });
    return jid;
  }

  return {
    'contact.details': async ({ accountId, jid: text }) => {
      const { session, ownJid } = online(accountId);
      const jid = address(text, normaliseBareJid, ownJid);
      const resources = session.contacts().find((contact) => contact.jid === jid)?.resources.map((resource) => resource.resource) ?? [];
      return fetchContactDetails({ connection: session.connection, logger }, jid, resources);
    },

    'blocking.list': ({ accountId }) => {
      const session = accounts.entry(accountId).session;
      return Promise.resolve(session?.blocking.list() ?? { supported: false, reportSupported: false, jids: [] });
    },

    'blocking.block': async ({ accountId, jid: text, report }) => {
      const { session, ownJid } = online(accountId);
      const jid = address(text, normaliseBlockedJid, ownJid);
      try {
        // A pending request from them is refused first: once blocked, nothing more goes out to them.
        if (session.requests().some((request) => request.jid === jid)) await session.subscriptions.deny(jid);
        await session.blocking.block(jid, report);
      } catch (error) {
        throw refused(error, 'block this contact');
      }
      return null;
    },

    'blocking.unblock': async ({ accountId, jid: text }) => {
      const { session, ownJid } = online(accountId);
      const jid = address(text, normaliseBlockedJid, ownJid);
      try {
        await session.blocking.unblock(jid);
      } catch (error) {
        throw refused(error, 'unblock this contact');
      }
      return null;
    },
  };
}
