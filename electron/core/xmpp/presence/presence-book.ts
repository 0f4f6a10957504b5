// What each contact's resources announced (RFC 6121 §4): kept per bare JID, folded into the Contact fields.
import type { ResourcePresence } from '../../../../shared/model/presence.ts';
import { capsKey, type CapsRef } from '../caps/caps.ts';
import type { PresenceFields } from '../roster/contact-view.ts';
import { aggregatePresence, compareResources, type TimedResource } from './aggregate.ts';
import type { ParsedPresence } from './presence-stanza.ts';


interface Resource extends TimedResource {
  readonly caps?: CapsRef;
}

interface Entry {
  readonly resources: Map<string, Resource>;
  lastSeen?: number;
  error?: string;
}

/** The client's name for a resource's capabilities, if known (XEP-0115). */
export type ClientNameOf = (fullJid: string, caps: CapsRef) => string | undefined;

/** What anyone may make the book hold: strangers' entries and each JID's resources are capped. */
export interface PresenceLimits {
  /** Whether the bare JID is in the roster; presence from others (directed presence, spam) is kept in a bounded set. */
  readonly isContact: (bare: string) => boolean;
  /** Non-contacts whose presence is kept, the least recently heard from forgotten first. */
  readonly maxStrangers: number;
  /** Resources kept per bare JID, the one that spoke longest ago dropped first (room occupants never come here: muc#user is not parsed). */
  readonly maxResources: number;
}

/** The caps in use; `isContact` is the session's to give (on its own the book counts everyone as a contact). */
export const defaultPresenceLimits: PresenceLimits = { isContact: () => true, maxStrangers: 500, maxResources: 100 };
const maxUnverifiedNames = 1_000;

export function createPresenceBook(clientNameOf: ClientNameOf, now: () => number = Date.now, limits: PresenceLimits = defaultPresenceLimits) {
  const entries = new Map<string, Entry>();
  /** Non-contacts with an entry, least recently heard from first. */
  const strangers = new Set<string>();
  /** Names learned from an answer that did not match its 'ver': valid for that full JID only. */
  const unverifiedNames = new Map<string, string>();
  let seq = 0;

  const entry = (bare: string): Entry => {
    let found = entries.get(bare);
    if (!found) entries.set(bare, (found = { resources: new Map() }));
    strangers.delete(bare);
    if (limits.isContact(bare)) return found;
    strangers.add(bare);
    for (const oldest of strangers) {
      if (strangers.size <= limits.maxStrangers) break;
      strangers.delete(oldest);
      // Added to the roster since: its entry stays, and is a contact's now.
      if (!limits.isContact(oldest)) entries.delete(oldest);
    }
    return found;
  };
  /** Makes room for one more resource by dropping the one whose last presence is the oldest. */
  function makeRoom(resources: Map<string, Resource>): void {
    while (resources.size >= limits.maxResources) {
      let oldest: Resource | undefined;
      for (const resource of resources.values()) if (oldest === undefined || resource.seq < oldest.seq) oldest = resource;
      if (oldest === undefined) return;
      resources.delete(oldest.resource);
    }
  }
  const fullJid = (bare: string, resource: string) => (resource === '' ? bare : `${bare}/${resource}`);

  function withClient(bare: string, resource: Resource): ResourcePresence {
    const { resource: id, show, status, priority, idleSince, caps } = resource;
    const jid = fullJid(bare, id);
    const name = (caps && clientNameOf(jid, caps)) ?? unverifiedNames.get(jid);
    // Field by field rather than by spreading: this runs for every online contact of each delta.
    const view: { -readonly [K in keyof ResourcePresence]: ResourcePresence[K] } = { resource: id, show, priority };
    if (status !== undefined) view.status = status;
    if (name !== undefined) view.client = { name };
    if (idleSince !== undefined) view.idleSince = idleSince;
    return view;
  }

  return {
    /** Applies an availability, unavailability or error; returns whether the contact's fields changed. */
    apply(parsed: ParsedPresence): boolean {
      if (parsed.kind === 'subscription') return false;
      // An offline contact's answer to our probe (most of a large roster's): nothing to keep, nothing changed.
      if (parsed.kind === 'unavailable' && parsed.lastActive === undefined && !entries.has(parsed.bare)) return false;
      const found = entry(parsed.bare);
      if (parsed.kind === 'available') {
        seq += 1;
        if (!found.resources.has(parsed.presence.resource)) makeRoom(found.resources);
        const resource: Resource = parsed.caps ? { ...parsed.presence, seq, caps: parsed.caps } : { ...parsed.presence, seq };
        found.resources.set(parsed.presence.resource, resource);
        delete found.error;
        return true;
      }
      if (parsed.kind === 'error') {
        found.error = parsed.message;
        found.resources.clear();
        return true;
      }
      const wasOnline = found.resources.size > 0;
      // An unavailable presence from the bare JID means no resource is left.
      if (parsed.resource === '') found.resources.clear();
      else found.resources.delete(parsed.resource);
      // Last seen: what the stanza says, else now if we saw the contact leave (not an offline contact's probe answer).
      const seen = parsed.lastActive ?? (wasOnline ? now() : undefined);
      if (seen !== undefined && found.resources.size === 0) found.lastSeen = seen;
      return wasOnline || seen !== undefined;
    },

    /** A disco#info answer arrived: the bare JIDs whose resources now have a client name. */
    learned(key: string, jid: string, name: string | undefined, verified: boolean): string[] {
      if (!verified && name !== undefined) {
        unverifiedNames.delete(jid);
        unverifiedNames.set(jid, name);
        if (unverifiedNames.size > maxUnverifiedNames) unverifiedNames.delete(unverifiedNames.keys().next().value ?? '');
      }
      const changed: string[] = [];
      for (const [bare, { resources }] of entries) {
        const hit = [...resources.values()].some((resource) =>
          verified ? resource.caps !== undefined && capsKey(resource.caps) === key : fullJid(bare, resource.resource) === jid,
        );
        if (hit) changed.push(bare);
      }
      return changed;
    },

    view(bare: string): PresenceFields {
      const found = entries.get(bare);
      // Most of a large roster has never been heard from: nothing to sort or fold.
      if (found === undefined) return { show: 'offline', resources: [] };
      const resources = [...found.resources.values()].sort(compareResources);
      const { show, status } = aggregatePresence(resources);
      const view: { -readonly [K in keyof PresenceFields]: PresenceFields[K] } = { show, resources: resources.map((resource) => withClient(bare, resource)) };
      if (status !== undefined) view.status = status;
      if (found.lastSeen !== undefined) view.lastSeen = found.lastSeen;
      if (found.error !== undefined) view.presenceError = found.error;
      return view;
    },

    /** Forgets every resource (the session ended); returns the bare JIDs that were available. */
    clear(): string[] {
      const online = [...entries].filter(([, found]) => found.resources.size > 0).map(([bare]) => bare);
      for (const bare of online) entries.get(bare)?.resources.clear();
      return online;
    },
  };
}

export type PresenceBook = ReturnType<typeof createPresenceBook>;
