// XEP-0490 Message Displayed Synchronization: what the user has read, shared with their other devices through PEP.
import xml, { type Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';
import type { MessageStore } from '../../storage/messages.ts';
import { NS_PUBLISH_OPTIONS, NS_PUBSUB, NS_PUBSUB_EVENT } from '../avatar/avatar-stanzas.ts';
import type { Connection } from '../connection.ts';
import type { AccountInfo } from '../disco/account-info.ts';
import { NS_MDS, NS_SID } from './chat-stanzas.ts';

export interface DisplayedSyncDeps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'pipeline' | 'iq'>;
  /** Our account's features: whether its PEP service takes publish-options. */
  readonly accountInfo: Pick<AccountInfo, 'features'>;
  readonly store: MessageStore;
  readonly logger: Logger;
  readonly conversationChanged: (peer: string) => void;
}

/** XEP-0490 §4: the node is private to the account, keeps one item per chat, and never pushes the last one on its own. */
function publishOptions(): Element {
  const field = (name: string, value: string) => xml('field', { var: name }, xml('value', {}, value));
  return xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_PUBLISH_OPTIONS)),
      field('pubsub#persist_items', 'true'),
      field('pubsub#max_items', 'max'),
      field('pubsub#send_last_published_item', 'never'),
      field('pubsub#access_model', 'whitelist'),
    ),
  );
}

/** Items of the node: the chat (a bare JID) and the archive id of the last message displayed there (a room's own, XEP-0490 §4). */
function parseItems(items: Element | undefined, ownJid: string): { peer: string; stanzaId: string }[] {
  if (items?.attrs.node !== NS_MDS) return [];
  return items.getChildren('item').flatMap((item) => {
    const stanzaId = item.getChild('displayed', NS_MDS)?.getChild('stanza-id', NS_SID);
    const peer = item.attrs.id;
    if (typeof peer !== 'string' || (stanzaId?.attrs.by !== ownJid && stanzaId?.attrs.by !== peer) || typeof stanzaId.attrs.id !== 'string') return [];
    return [{ peer, stanzaId: stanzaId.attrs.id }];
  });
}

export function setupDisplayedSync(deps: DisplayedSyncDeps) {
  const { accountId, store } = deps;
  /** What we last published per chat, so that reading a chat again says nothing new. */
  const published = new Map<string, string>();

  function displayed(peer: string, stanzaId: string): void {
    const seen = store.byAnyId(accountId, peer, stanzaId);
    if (!seen) return;
    store.markRead(accountId, peer, seen.timestamp);
    deps.conversationChanged(peer);
  }

  // XEP-0490 §5: another device of ours displayed a chat; only our own PEP service may say so.
  const removeStanza = deps.connection.pipeline.handle({ stanza: 'message', child: { name: 'event', xmlns: NS_PUBSUB_EVENT } }, (stanza) => {
    if (stanza.attrs.from !== undefined && stanza.attrs.from !== deps.ownJid) return;
    for (const { peer, stanzaId } of parseItems(stanza.getChild('event', NS_PUBSUB_EVENT)?.getChild('items'), deps.ownJid)) displayed(peer, stanzaId);
  });

  /** XEP-0060 §7.1.5: whether our PEP service takes publish-options. */
  function offersPublishOptions(): Promise<boolean> {
    return deps.accountInfo.features().then((features) => features.includes(NS_PUBLISH_OPTIONS), () => false);
  }

  return {
    /** A fresh session: what the other devices displayed while we were away (XEP-0490 §5). */
    async fetch(): Promise<void> {
      if (!(await offersPublishOptions())) return;
      const reply = await deps.connection.iq(xml('iq', { type: 'get', to: deps.ownJid }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_MDS }))), 15_000);
      for (const { peer, stanzaId } of parseItems(reply.getChild('pubsub', NS_PUBSUB)?.getChild('items'), deps.ownJid)) displayed(peer, stanzaId);
    },
    /** XEP-0490 §4: tells our other devices that the chat was displayed up to this archived message. */
    /** `by`: who set the stanza-id, our account, or for a room's messages the room (XEP-0490 §4). */
    async publish(peer: string, stanzaId: string, by: string = deps.ownJid): Promise<void> {
      if (published.get(peer) === stanzaId || !(await offersPublishOptions())) return;
      published.set(peer, stanzaId);
      const item = xml('item', { id: peer }, xml('displayed', { xmlns: NS_MDS }, xml('stanza-id', { xmlns: NS_SID, by, id: stanzaId })));
      await deps.connection.iq(xml('iq', { type: 'set', to: deps.ownJid }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: NS_MDS }, item), publishOptions())), 15_000);
    },
    dispose: removeStanza,
  };
}
