// XEP-0198 §5: a <failed/> answer to <resume/> may say with 'h' how many of our stanzas the server did get; those are
// acknowledged, and only the rest is ours to send again.
import type { Client } from '@xmpp/client-core';
import type { StreamManagement } from '@xmpp/stream-management';
import type { Element } from '@xmpp/xml';

const NS_SM = 'urn:xmpp:sm:3';

/** Installed before xmpp.js handles the <failed/>, which would count every queued stanza as lost. */
export function honourFailedH(entity: Client, sm: StreamManagement): void {
  entity.on('element', (element: Element) => {
    if (!element.is('failed', NS_SM) || !sm.id) return;
    const h = Number(element.attrs.h);
    if (!Number.isInteger(h)) return;
    // 'h' counts modulo 2^32 (§4) from the start of the old stream.
    const received = (h - sm.outbound + 2 ** 32) % 2 ** 32;
    for (let index = 0; index < received && sm.outbound_q.length > 0; index += 1) {
      const item = sm.outbound_q.shift();
      sm.outbound += 1;
      if (item) sm.emit('ack', item.stanza);
    }
  });
}
