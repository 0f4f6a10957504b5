// XEP-0191 on one session: support learned from our server's disco#info features, the list fetched per fresh session, kept by pushes.
import type { Element } from '@xmpp/xml';
import type { BlockList } from '../../../../shared/model/contact.ts';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { Connection } from '../connection.ts';
import { IqReplyError, type IqRouter } from '../iq-router.ts';
import { applyBlockPush, buildBlock, buildBlocklistGet, buildUnblock, NS_BLOCKING, NS_REPORTING, parseBlocklist, parseBlockPush, type ReportReason } from './blocklist.ts';

export interface BlockingDeps {
  /** Our bare JID: the only 'from' a push may carry. */
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'iq'>;
  readonly router: IqRouter;
  readonly logger: Logger;
  readonly onChange: (jids: readonly string[]) => void;
}

export function setupBlocking(deps: BlockingDeps) {
  let supported = false;
  let reportSupported = false;
  let jids: readonly string[] = [];

  function replace(next: readonly string[]): void {
    jids = next;
    deps.onChange(jids);
  }

  // §3.3 and §3.5: pushes come from our own server (no 'from') or our bare JID; each is acknowledged with a result.
  const handlePush = (stanza: Element, payload: Element) => {
    const from = stanza.attrs.from;
    if (from !== undefined && from.toLowerCase() !== deps.ownJid) throw new IqReplyError('cancel', 'service-unavailable');
    const push = parseBlockPush(payload);
    if (!push) throw new IqReplyError('modify', 'bad-request');
    replace(applyBlockPush(jids, push));
    return undefined;
  };
  const removeBlock = deps.router.handle('set', 'block', NS_BLOCKING, handlePush);
  const removeUnblock = deps.router.handle('set', 'unblock', NS_BLOCKING, handlePush);

  function requireSupport(): void {
    if (!supported) throw new CausetteError('not-supported', 'This account’s server does not support blocking contacts (XEP-0191).', undefined, { context: 'blocking' });
  }

  return {
    list: (): BlockList => ({ supported, reportSupported, jids: [...jids] }),
    isBlocked: (jid: string) => jids.includes(jid),

    /**
     * §3.1 the list, asked before our server's features are known so that it comes with them; fetch takes the answer.
     * A server without XEP-0191 answers with an error, which nobody waits for.
     */
    ask(): Promise<Element> {
      const answer = deps.connection.iq(buildBlocklistGet(), 15_000);
      answer.catch(() => undefined);
      return answer;
    },

    /** At each fresh session, with our server's disco#info features (§2): then §3.1 the list (the one asked already, if any). */
    async fetch(features: readonly string[], asked?: Promise<Element>): Promise<void> {
      supported = features.includes(NS_BLOCKING);
      reportSupported = supported && features.includes(NS_REPORTING);
      if (!supported) return replace([]);
      const result = await (asked ?? deps.connection.iq(buildBlocklistGet(), 15_000));
      const blocklist = result.getChild('blocklist', NS_BLOCKING);
      replace(blocklist ? parseBlocklist(blocklist) : []);
    },

    /** §3.3; the server's push updates the list, which we also apply at once. */
    async block(jid: string, report?: ReportReason): Promise<void> {
      requireSupport();
      if (report !== undefined && !reportSupported) {
        throw new CausetteError('not-supported', 'This account’s server does not accept spam reports (XEP-0377).', undefined, { context: 'spamReport' });
      }
      await deps.connection.iq(buildBlock(jid, report));
      if (!jids.includes(jid)) replace([...jids, jid]);
    },

    /** §3.4 */
    async unblock(jid: string): Promise<void> {
      requireSupport();
      await deps.connection.iq(buildUnblock(jid));
      if (jids.includes(jid)) replace(jids.filter((entry) => entry !== jid));
    },

    dispose(): void {
      removeBlock();
      removeUnblock();
    },
  };
}

export type Blocking = ReturnType<typeof setupBlocking>;
