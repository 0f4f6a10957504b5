// XEP-0115 entity capabilities: read a contact's <c/>, ask disco#info once per 'ver', verify it (§5.4), cache it (§6.3).
import xml, { type Element } from '@xmpp/xml';
import type { Logger } from '../../log/logger.ts';
import type { CapsCacheStore } from '../../storage/caps-cache.ts';
import type { Connection } from '../connection.ts';
import type { DiscoInfo } from '../../model/disco-info.ts';
import { buildDiscoInfoGet, NS_DISCO_INFO, parseDiscoInfo } from '../disco/disco-info.ts';
import { capsVer, isSupportedHash, NS_CAPS, verifyCaps } from './caps-hash.ts';

export interface CapsRef {
  readonly hash: string;
  readonly node: string;
  readonly ver: string;
}

/** §4: the <c/> of a presence; legacy caps (no 'hash', §8.3) cannot be verified and are left out. */
export function parseCaps(presence: Element): CapsRef | undefined {
  return capsOf(presence.getChild('c', NS_CAPS));
}

/** §4: a <c/> element already found (or none), as parseCaps reads it. */
export function capsOf(c: Element | undefined): CapsRef | undefined {
  const { hash, node, ver } = c?.attrs ?? {};
  if (!hash || !node || !ver || !isSupportedHash(hash)) return undefined;
  return { hash, node, ver };
}

export const capsKey = (caps: Pick<CapsRef, 'hash' | 'ver'>) => `${caps.hash} ${caps.ver}`;

/** §4: our own <c/>, announcing what our disco#info answers. */
export function buildCaps(node: string, info: DiscoInfo): Element {
  return xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node, ver: capsVer(info, 'sha-1') });
}

export interface CapsLearned {
  readonly key: string;
  /** The full JID that answered. */
  readonly jid: string;
  readonly info: DiscoInfo;
  /** False when the answer did not match the 'ver': valid for that JID only, never cached (§5.4 step 4). */
  readonly verified: boolean;
}

export interface CapsDeps {
  readonly connection: Pick<Connection, 'iq'>;
  readonly store: CapsCacheStore;
  readonly logger: Logger;
  readonly onLearned: (learned: CapsLearned) => void;
}

const maxTries = 3;
/** A contact can announce any number of 'ver's: what is remembered of them, and asked at once, is bounded. */
const maxRemembered = 1_000;
const maxInFlight = 8;

/** Sets the key as the newest, forgetting the oldest past the bound. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > maxRemembered) map.delete(map.keys().next().value ?? '');
}

export function setupCaps({ connection, store, logger, onLearned }: CapsDeps) {
  const known = new Map<string, DiscoInfo>();
  const inFlight = new Set<string>();
  const tries = new Map<string, number>();

  async function ask(jid: string, caps: CapsRef, key: string): Promise<void> {
    try {
      const reply = await connection.iq(buildDiscoInfoGet(jid, `${caps.node}#${caps.ver}`), 15_000);
      const query = reply.getChild('query', NS_DISCO_INFO);
      const info = query ? parseDiscoInfo(query) : 'ill-formed';
      if (info === 'ill-formed') return;
      const verified = verifyCaps(info, caps.hash, caps.ver);
      if (verified) {
        remember(known, key, info);
        store.put(caps.hash, caps.ver, info);
      } else {
        logger.debug('capabilities do not match their ver', { jid, ver: caps.ver });
      }
      onLearned({ key, jid, info, verified });
    } catch (error) {
      logger.debug('disco#info for capabilities failed', { jid, error: String(error) });
    } finally {
      inFlight.delete(key);
    }
  }

  return {
    /** What the 'ver' stands for, if known; otherwise asks `jid` (once per 'ver' at a time, a few tries at most). */
    lookup(jid: string, caps: CapsRef): DiscoInfo | undefined {
      const key = capsKey(caps);
      // While the question is out the store has nothing to add: an answer is stored only once it arrives.
      const cached = known.get(key) ?? (inFlight.has(key) ? undefined : store.get(caps.hash, caps.ver));
      if (cached) {
        remember(known, key, cached);
        return cached;
      }
      const tried = tries.get(key) ?? 0;
      // Past the in-flight bound the question waits for the contact's next presence.
      if (!inFlight.has(key) && inFlight.size < maxInFlight && tried < maxTries) {
        inFlight.add(key);
        remember(tries, key, tried + 1);
        void ask(jid, caps, key);
      }
      return undefined;
    },
  };
}

export type Caps = ReturnType<typeof setupCaps>;
