// One room of a session as the MUC module keeps it: the room's view, its occupants, and their batched deltas.
import { bareJid, formatJid, parseJid } from '../../../../shared/model/jid.ts';
import type { Departure, Occupant, Room } from '../../../../shared/model/room.ts';
import { createKeyedCoalescer, type KeyedCoalescer } from '../roster/coalescer.ts';
import { initialOccupants, type OccupantsState, type SelfChange } from './occupants.ts';
import { noFeatures } from './room-info.ts';

/** What the renderer gets of a room's occupants at a time (XEP-0045 §7.2.3: a big room's join is many presences). */
export interface OccupantsDelta {
  readonly room: string;
  readonly reset: boolean;
  readonly upserts: Occupant[];
  readonly renamed: { from: string; to: string }[];
  readonly departed: Departure[];
}

type Removal = { readonly renamed: { from: string; to: string } } | { readonly departed: Departure };

export interface Entry {
  room: Room;
  occupants: OccupantsState;
  password: string | undefined;
  /** The first delta after a (re)join replaces the occupant list. */
  reset: boolean;
  /** When the newest message the room sent us was said: a rejoin asks for the history since (§7.2.15). */
  lastSeen?: number;
  /** XEP-0313: the room keeps an archive (its disco#info says so), and whether it takes after-id (§6.1.1). */
  archive?: { readonly extended: boolean };
  /** Counts our joins: a catch-up of an earlier one stops. */
  joins: number;
  /** This join's archive catch-up is done: the cursor follows the live messages from now on. */
  caughtUp: boolean;
  readonly batch: KeyedCoalescer<Occupant, Removal>;
  waiting?: { resolve: (room: Room) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
  /** §7.6: our nickname change waiting for the room's answer. */
  renaming?: { nick: string; resolve: (room: Room) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
}

/** The room without the optional parts named. */
export function omit(room: Room, ...keys: readonly ('removed' | 'created' | 'subject' | 'subjectBy')[]): Room {
  const copy = { ...room };
  for (const key of keys) delete copy[key];
  return copy;
}

/** The bare JID a stanza came from, normalised as the rooms are keyed (RFC 7622). */
export function roomOf(from: unknown): string {
  const parsed = typeof from === 'string' ? parseJid(from) : undefined;
  return parsed?.ok ? formatJid(bareJid(parsed.jid)) : '';
}

/** A room we are joining, with its own batch of occupant changes (the first delta after a join says `reset`). */
export function createEntry(jid: string, nick: string, password: string | undefined, send: (delta: OccupantsDelta) => void): Entry {
  const entry: Entry = {
    room: { jid, nick, state: 'joining', features: noFeatures, role: 'none', affiliation: 'none' },
    occupants: initialOccupants(nick),
    password,
    reset: true,
    joins: 0,
    caughtUp: false,
    batch: createKeyedCoalescer<Occupant, Removal>(({ upserts, removed }) => {
      const reset = entry.reset;
      entry.reset = false;
      send({
        room: jid,
        reset,
        upserts,
        renamed: removed.flatMap((each) => ('renamed' in each ? [each.renamed] : [])),
        departed: removed.flatMap((each) => ('departed' in each ? [each.departed] : [])),
      });
    }),
  };
  return entry;
}

/** Settles, once, the join or the nickname change waiting on the room. */
export function answer(entry: Entry, which: 'waiting' | 'renaming', outcome: { room: Room } | { error: Error }): void {
  const pending = entry[which];
  if (!pending) return;
  delete entry[which];
  clearTimeout(pending.timer);
  if ('room' in outcome) pending.resolve(outcome.room);
  else pending.reject(outcome.error);
}

/** The room once our own presence came back (§7.2.3): in, with our role and affiliation, and what the join's codes said. */
export function roomAfterSelf(room: Room, self: Exclude<SelfChange, { kind: 'removed' }>): Room {
  const { occupant } = self;
  const kept = omit(room, 'removed');
  const features =
    self.kind === 'joined' ? { ...kept.features, nonAnonymous: kept.features.nonAnonymous || self.nonAnonymous, logged: kept.features.logged || self.logged } : kept.features;
  return { ...kept, nick: occupant.nick, state: 'joined', role: occupant.role, affiliation: occupant.affiliation, features, ...(self.kind === 'joined' && self.created ? { created: true } : {}) };
}
