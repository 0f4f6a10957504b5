// XEP-0198 §4: either party may send <r/> at any time. xmpp.js asks only once nothing was sent for 250 ms, so a steady flow
// of stanzas (IBB blocks, each sent as the last one is answered) would keep every one of them unacknowledged, in memory,
// until the end. This also asks after every `every` stanzas, and holds our own sends while `max` wait for an ack.
import type { Client } from '@xmpp/client-core';
import type { MiddlewareApi } from '@xmpp/middleware';
import type { StreamManagement } from '@xmpp/stream-management';
import xml, { type Element } from '@xmpp/xml';

const NS_SM = 'urn:xmpp:sm:3';
const STANZAS = new Set(['message', 'presence', 'iq']);

export const ACK_EVERY = 64;
export const MAX_UNACKED = 512;

export interface AckRequests {
  /** Resolves once a stanza may be sent: at once, unless `max` stanzas wait for an ack (then when the server acks some). */
  room(): Promise<void>;
}

type Sm = Pick<StreamManagement, 'enabled' | 'outbound_q' | 'on'>;

/** Installed after stream management, so that its filter has queued a stanza before this one counts it. */
export function requestAcks({ sm, entity, middleware, every = ACK_EVERY, max = MAX_UNACKED }: { sm: Sm; entity: Pick<Client, 'send' | 'on'>; middleware: Pick<MiddlewareApi, 'filter'>; every?: number; max?: number }): AckRequests {
  let sinceRequest = 0;
  let waiters: (() => void)[] = [];
  /** Sends let through and not written yet: they will join the queue. */
  let granted = 0;

  const ask = () => void entity.send(xml('r', { xmlns: NS_SM })).catch(() => undefined);
  const full = () => sm.enabled && sm.outbound_q.length + granted >= max;
  function release(): void {
    while (waiters.length > 0 && !full()) {
      granted += 1;
      waiters.shift()?.();
    }
  }
  /** A lost stream acks nothing more: the waiting sends go on, to the next session or to their failure. */
  function releaseAll(): void {
    const all = waiters;
    waiters = [];
    sinceRequest = 0;
    granted = 0;
    for (const resolve of all) resolve();
  }

  middleware.filter(({ stanza }: { stanza: Element }, next: () => Promise<unknown>) => {
    if (STANZAS.has(stanza.name)) granted = Math.max(0, granted - 1);
    if (sm.enabled && STANZAS.has(stanza.name)) {
      sinceRequest += 1;
      if (sinceRequest >= every) {
        sinceRequest = 0;
        ask();
      }
    }
    return next();
  });
  sm.on('ack', release);
  entity.on('disconnect', releaseAll);
  entity.on('offline', releaseAll);

  return {
    room(): Promise<void> {
      if (waiters.length === 0 && !full()) {
        granted += 1;
        return Promise.resolve();
      }
      // Asked at once: what is queued may be waiting only for our next <r/>.
      if (waiters.length === 0) ask();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
