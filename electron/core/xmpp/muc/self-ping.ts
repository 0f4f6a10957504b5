// XEP-0410: a room that has sent us nothing for a while is asked, by a ping to our own occupant JID, whether we are still
// in it; a room service that restarted or lost us says we are not (§3), and the MUC module joins again.
import xml, { type Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';
import type { Connection } from '../connection.ts';
import { StanzaError } from '../errors.ts';
import { NS_PING } from '../disco/responders.ts';

export interface SelfPingDeps {
  readonly connection: Pick<Connection, 'iq'>;
  readonly logger: Logger;
  /** How long a room may be silent before we ask. */
  readonly idleMs: number;
  readonly timeoutMs?: number;
  /** Our occupant JID in the room while we are in it; undefined stops asking (left, offline, put out). */
  readonly joinedAs: (room: string) => string | undefined;
  /** §3: the room does not know us any more. */
  readonly onRemoved: (room: string) => void;
  readonly now?: () => number;
}

/** XEP-0199 §4.2 addressed to ourselves in the room (XEP-0410 §3). */
export const buildSelfPing = (occupant: string): Element => xml('iq', { type: 'get', to: occupant }, xml('ping', { xmlns: NS_PING }));

/**
 * XEP-0410 §3: a result, service-unavailable or feature-not-implemented (our client does not answer pings), item-not-found
 * (our nickname just changed) mean joined; remote-server-not-found, remote-server-timeout and no answer decide nothing;
 * any other error (not-acceptable from Prosody) means we are not in the room any more.
 */
export function selfPingOutcome(error: unknown): 'joined' | 'unknown' | 'removed' {
  if (error === undefined) return 'joined';
  if (!(error instanceof StanzaError)) return 'unknown';
  switch (error.condition) {
    case 'service-unavailable':
    case 'feature-not-implemented':
    case 'item-not-found':
      return 'joined';
    case 'remote-server-not-found':
    case 'remote-server-timeout':
      return 'unknown';
    default:
      return 'removed';
  }
}

const TIMEOUT_MS = 30_000;

export function createSelfPing(deps: SelfPingDeps) {
  const now = deps.now ?? Date.now;
  /** When each room we watch last sent us a stanza, and its timer. */
  const watched = new Map<string, { last: number; timer: NodeJS.Timeout | undefined }>();

  function arm(room: string, delay: number): void {
    const entry = watched.get(room);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void check(room), Math.max(delay, 0));
  }

  async function check(room: string): Promise<void> {
    const entry = watched.get(room);
    const occupant = deps.joinedAs(room);
    if (!entry || occupant === undefined) {
      forget(room);
      return;
    }
    const silent = now() - entry.last;
    // Still talking: look again once it may have gone quiet.
    if (silent < deps.idleMs) return arm(room, deps.idleMs - silent);
    entry.timer = undefined;
    const outcome = await deps.connection.iq(buildSelfPing(occupant), deps.timeoutMs ?? TIMEOUT_MS).then(
      () => selfPingOutcome(undefined),
      (error: unknown) => selfPingOutcome(error),
    );
    if (!watched.has(room)) return;
    if (outcome === 'removed' && deps.joinedAs(room) === occupant) {
      deps.logger.info('a room no longer knew us: joining again', { room });
      forget(room);
      return deps.onRemoved(room);
    }
    // Joined, or nothing learned (a timeout, the room's server unreachable): ask again after another quiet spell.
    entry.last = now();
    arm(room, deps.idleMs);
  }

  function forget(room: string): void {
    clearTimeout(watched.get(room)?.timer);
    watched.delete(room);
  }

  return {
    /** A stanza from the room: it knows we are there, for now. */
    seen(room: string): void {
      const entry = watched.get(room);
      if (entry) {
        entry.last = now();
        return;
      }
      watched.set(room, { last: now(), timer: undefined });
      arm(room, deps.idleMs);
    },
    forget,
    dispose(): void {
      for (const room of [...watched.keys()]) forget(room);
    },
  };
}
