// RFC 6121 §4 contacts' presence: incoming stanzas into the presence book, client names from XEP-0115, changes reported per contact.
import type { Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';
import type { CapsCacheStore } from '../../storage/caps-cache.ts';
import { setupCaps } from '../caps/caps.ts';
import type { Connection } from '../connection.ts';
import { clientName } from '../disco/disco-info.ts';
import { createPresenceBook, defaultPresenceLimits } from './presence-book.ts';
import { parsePresence, type SubscriptionType } from './presence-stanza.ts';

export interface ContactsPresenceDeps {
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'pipeline' | 'iq'>;
  readonly capsStore: CapsCacheStore;
  readonly logger: Logger;
  /** Whether the bare JID is in the roster: presence from anyone else is kept within bounds. */
  readonly isContact: (bare: string) => boolean;
  /** A room's presence (XEP-0045): its occupants are not contacts, the MUC module reads it. */
  readonly fromRoom?: (stanza: Element) => boolean;
  /** The presence of this bare JID changed. */
  readonly onChange: (bare: string) => void;
  readonly onSubscription: (type: SubscriptionType, bare: string, message: string | undefined) => void;
}

export function setupContactsPresence(deps: ContactsPresenceDeps) {
  const caps = setupCaps({
    connection: deps.connection,
    store: deps.capsStore,
    logger: deps.logger,
    onLearned: ({ key, jid, info, verified }) => {
      for (const bare of book.learned(key, jid, clientName(info), verified)) deps.onChange(bare);
    },
  });
  const book = createPresenceBook(
    (jid, ref) => {
      const info = caps.lookup(jid, ref);
      return info && clientName(info);
    },
    Date.now,
    { ...defaultPresenceLimits, isContact: deps.isContact },
  );

  function onPresence(stanza: Element): void {
    if (deps.fromRoom?.(stanza) === true) return;
    const parsed = parsePresence(stanza);
    // Our own other resources are not contacts.
    if (!parsed || parsed.bare === deps.ownJid) return;
    if (parsed.kind === 'subscription') return deps.onSubscription(parsed.type, parsed.bare, parsed.message);
    if (book.apply(parsed)) deps.onChange(parsed.bare);
  }
  const unsubscribe = deps.connection.pipeline.handle({ stanza: 'presence' }, onPresence);

  return {
    view: (bare: string) => book.view(bare),
    /** The session ended: every contact is offline until the next one says otherwise. */
    clear(): void {
      for (const bare of book.clear()) deps.onChange(bare);
    },
    dispose: unsubscribe,
  };
}

export type ContactsPresence = ReturnType<typeof setupContactsPresence>;
