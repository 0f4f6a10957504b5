// XEP-0280 on one session: enabled on every fresh session when our server offers it (§4), copies handed to the chat pipeline (§6).
import type { Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';
import type { MessageIntake } from '../chat/chat.ts';
import type { Connection } from '../connection.ts';
import { buildCarbonsEnable, NS_CARBONS, parseCarbon } from './carbons-stanzas.ts';

export interface CarbonsDeps {
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'iq' | 'pipeline'>;
  readonly logger: Logger;
  /** Chat: a forwarded <message/> as its sender wrote it. */
  readonly intake: Pick<MessageIntake, 'receive'>;
}

export function setupCarbons(deps: CarbonsDeps) {
  let enabled = false;

  async function onCarbon(stanza: Element): Promise<void> {
    const carbon = parseCarbon(stanza, deps.ownJid);
    if (carbon === undefined) return;
    // §11: a carbon from anyone but our own account is a forgery.
    if (carbon === 'forged') return deps.logger.warn('a carbon not sent by our own account was ignored', { from: stanza.attrs.from });
    await deps.intake.receive(carbon.message, { source: 'carbon', ...(carbon.timestamp === undefined ? {} : { timestamp: carbon.timestamp }) });
  }
  // §6: <received/> and <sent/> wrap the copies.
  const removeReceived = deps.connection.pipeline.handle({ stanza: 'message', child: { name: 'received', xmlns: NS_CARBONS } }, onCarbon);
  const removeSent = deps.connection.pipeline.handle({ stanza: 'message', child: { name: 'sent', xmlns: NS_CARBONS } }, onCarbon);

  return {
    /** Whether the server copies our other resources' messages to this one on this session. */
    enabled: () => enabled,
    /** At each fresh session (a resumed one keeps the state), with our server's disco#info features (§3). */
    async enable(features: readonly string[]): Promise<void> {
      enabled = false;
      if (!features.includes(NS_CARBONS)) return;
      await deps.connection.iq(buildCarbonsEnable(), 15_000);
      enabled = true;
    },
    dispose(): void {
      removeReceived();
      removeSent();
    },
  };
}

export type Carbons = ReturnType<typeof setupCarbons>;
