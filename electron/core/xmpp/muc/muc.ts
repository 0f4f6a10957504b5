// XEP-0045 on a session: the rooms we are in, joined (§7.2) and left (§7.14), their occupants from presence (§7.2.3, §9),
// their messages and subject (§7.4, §8.1), their archive (XEP-0313, room-archive.ts), and a rejoin after a reconnect
// that was not a resumption (XEP-0198 §5) or once a silent room turns out to have lost us (XEP-0410).
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Message } from '../../../../shared/model/message.ts';
import type { Occupant, Room } from '../../../../shared/model/room.ts';
import type { Logger } from '../../log/logger.ts';
import type { MessageStore } from '../../storage/messages.ts';
import type { Connection } from '../connection.ts';
import type { MessageContext } from '../pipeline/message-context.ts';
import { joinError } from './join-errors.ts';
import { moderateMessage, parseModerationNotice } from './moderation.ts';
import { parseMucPresence, type MucPresence } from './muc-presence.ts';
import { markPrivateMessages } from './private-messages.ts';
import { buildJoin, buildLeave, buildRoomPresence, buildSubject, NS_MUC_USER, type RoomAvailability } from './muc-stanzas.ts';
import { initialOccupants, reduceOccupants } from './occupants.ts';
import { setupRoomArchive, type ArchivedRoom } from './room-archive.ts';
import { answer, createEntry, omit, roomAfterSelf, roomOf, type Entry, type OccupantsDelta } from './room-entry.ts';
import { fetchRoomInfo } from './room-info.ts';
import { bareOf, isAffiliationNotice, setupRoomMembers } from './room-members.ts';
import { parseRoomMessage, type RoomView } from './room-messages.ts';
import { createSelfPing } from './self-ping.ts';
import { createSubjectRequests } from './subject-requests.ts';

export interface MucDeps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'send' | 'iq' | 'pipeline' | 'onSessionStart' | 'onState'>;
  readonly store: MessageStore;
  readonly logger: Logger;
  readonly onRoom: (room: Room) => void;
  readonly onOccupants: (delta: OccupantsDelta) => void;
  /** A room message stored or changed (chat's event and conversation summary). */
  readonly changed: (message: Message) => void;
  /** Sends a stored pending message, tracked until the server acknowledges it (chat's outbox). */
  readonly sendStored: (message: Message) => void;
  /**
   * Who is in the room or belongs to it may have changed (an occupant came or went, an affiliation changed, we joined):
   * `arrived` holds the real bare JIDs of occupants who just came in.
   */
  readonly onMembers?: (room: string, arrived: readonly string[]) => void;
  /** A live message from someone else, newly stored: the notifier decides by the room's setting (mentions, all, none). */
  readonly onNew?: (message: Message) => void;
  /** Our availability now, shown in the rooms too (§7.7). */
  readonly availability?: () => RoomAvailability;
  readonly joinTimeoutMs?: number;
  /** XEP-0410: how long a room may be silent before we check that we are still in it. */
  readonly selfPingIdleMs?: number;
  readonly now?: () => number;
}

const JOIN_TIMEOUT_MS = 30_000;
const SELF_PING_IDLE_MS = 15 * 60_000;
const ANSWER_TIMEOUT_MS = 15_000;
/** Live messages are dated by our clock, `since` is read by the room's: a minute more, kept once by its ids (XEP-0359). */
const CLOCK_MARGIN_MS = 60_000;

export type { OccupantsDelta };

export function setupMuc(deps: MucDeps) {
  const { accountId, connection, store, logger } = deps;
  const now = deps.now ?? Date.now;
  const rooms = new Map<string, Entry>();
  const archive = setupRoomArchive({ accountId, ownJid: deps.ownJid, connection, store, logger, changed: deps.changed, now });
  let disposed = false;
  const members = setupRoomMembers({ connection, ownJid: deps.ownJid, occupants: (room) => [...(rooms.get(room)?.occupants.occupants.values() ?? [])] });

  function emitRoom(entry: Entry): void {
    deps.onRoom(entry.room);
  }

  /** How the room's messages read now: our nickname, and its occupants' real JIDs when it reveals them. */
  function viewOf(entry: Entry): RoomView {
    const occupants = [...entry.occupants.occupants.values()];
    return {
      accountId,
      room: entry.room.jid,
      nick: entry.room.nick,
      stanzaIds: entry.room.features.stanzaIds,
      now: now(),
      realJid: (nick, occupantId) =>
        (occupantId === undefined ? entry.occupants.occupants.get(nick) : occupants.find((occupant) => occupant.occupantId === occupantId))?.jid,
    };
  }

  const archivedRoom = (entry: Entry, found: { readonly extended: boolean }): ArchivedRoom => ({ jid: entry.room.jid, extended: found.extended, view: () => viewOf(entry) });

  /** XEP-0313: once in, what the room said since our cursor comes from its archive; then the cursor follows the live messages. */
  function catchUp(entry: Entry): void {
    if (!entry.archive) return;
    const mine = entry.joins;
    const cancelled = () => disposed || rooms.get(entry.room.jid) !== entry || entry.joins !== mine;
    archive
      .catchUp(archivedRoom(entry, entry.archive), cancelled)
      .then((done) => {
        if (done && !cancelled()) entry.caughtUp = true;
      })
      .catch((error: unknown) => logger.warn('the room’s archive could not be read', { error: error instanceof Error ? error.message : String(error) }));
  }

  /** XEP-0045 §7.2.1 (with §7.2.15 history since the newest message we hold, on a rejoin). */
  function sendJoin(entry: Entry, rejoin: boolean): void {
    entry.occupants = initialOccupants(entry.room.nick);
    members.changed(entry.room.jid);
    entry.reset = true;
    entry.joins += 1;
    entry.caughtUp = false;
    // §7.2.15 with XEP-0313: a room whose archive we read from a cursor need not replay its history too.
    const fromArchive = entry.archive !== undefined && store.archiveCursor(accountId, entry.room.jid) !== undefined;
    // Not our own newest (it may have been written while away, after what others said meanwhile): the room's.
    const newest = rejoin && !fromArchive ? entry.lastSeen : undefined;
    const occupant = `${entry.room.jid}/${entry.room.nick}`;
    void connection
      .send(
        buildJoin({
          occupant,
          ...(entry.password === undefined ? {} : { password: entry.password }),
          ...(newest === undefined ? {} : { historySince: newest - CLOCK_MARGIN_MS }),
          ...(fromArchive ? { maxStanzas: 0 } : {}),
          ...(deps.availability ? { presence: deps.availability() } : {}),
        }),
      )
      .catch((error: unknown) => answer(entry, 'waiting', { error: error instanceof Error ? error : new Error(String(error)) }));
  }

  /** §7.2.3: once in, what waited (messages written while we were away) goes out. */
  function resendPending(room: string): void {
    for (const message of store.pending(accountId)) if (message.kind === 'groupchat' && message.peer === room) deps.sendStored(message);
  }

  function onError(entry: Entry, presence: MucPresence): void {
    if (entry.renaming?.nick === presence.nick) {
      // §7.6.3: the new nickname was refused (in use, or not allowed); we keep the old one.
      return answer(entry, 'renaming', { error: joinError(presence.error?.condition ?? 'undefined-condition', entry.room.jid, presence.nick, presence.error?.text) });
    }
    const error = joinError(presence.error?.condition ?? 'undefined-condition', entry.room.jid, entry.room.nick, presence.error?.text);
    if (entry.waiting) {
      // A join the user asked for failed: the room is not ours.
      rooms.delete(entry.room.jid);
      entry.batch.dispose();
      return answer(entry, 'waiting', { error });
    }
    if (entry.room.state !== 'joining') return logger.info('a room sent an error presence', { condition: presence.error?.condition });
    // A rejoin after a reconnect was refused (banned meanwhile, room gone…).
    entry.room = { ...entry.room, state: 'removed', removed: { nick: entry.room.nick, reason: 'refused', text: presence.error?.condition ?? '' } };
    emitRoom(entry);
  }

  function onPresence(stanza: Element): void {
    // A contact's presence (most of a sign-in's) belongs to no room of ours: not parsed as an occupant's.
    if (rooms.size === 0 || !rooms.has(roomOf(stanza.attrs.from))) return;
    const presence = parseMucPresence(stanza);
    const entry = presence && rooms.get(presence.room);
    if (!presence || !entry) return;
    selfPing.seen(entry.room.jid);
    if (presence.type === 'error') return onError(entry, presence);
    const before = entry.occupants.occupants.get(presence.nick);
    const reduced = reduceOccupants(entry.occupants, presence);
    const followed = members.followPresence(entry.room.jid, before, reduced.changes);
    if (followed) deps.onMembers?.(entry.room.jid, followed.arrived);
    entry.occupants = reduced.state;
    for (const change of reduced.changes) {
      if (change.kind === 'upsert') entry.batch.upsert(change.occupant.nick, change.occupant);
      else if (change.kind === 'renamed') entry.batch.remove(change.from, { renamed: { from: change.from, to: change.to } });
      else entry.batch.remove(change.departure.nick, { departed: change.departure });
    }
    if (reduced.state.nick !== entry.room.nick) {
      // §7.6: our own nickname changed (303 with 110).
      entry.room = { ...entry.room, nick: reduced.state.nick };
      emitRoom(entry);
    }
    const self = reduced.self;
    if (!self) return;
    if (self.kind === 'removed') {
      entry.batch.flush();
      // A room that drops us unasked without a reason, or for a shutdown (332), is going down: we rejoin on the next session.
      const state = self.departure.reason === 'left' || self.departure.reason === 'shutdown' ? 'offline' : 'removed';
      entry.room = { ...entry.room, state, role: 'none', removed: self.departure };
      emitRoom(entry);
      return answer(entry, 'waiting', { error: joinError(self.departure.reason === 'banned' ? 'forbidden' : 'undefined-condition', entry.room.jid, entry.room.nick, self.departure.text) });
    }
    entry.room = roomAfterSelf(entry.room, self);
    if (self.kind === 'joined') {
      // A room we are in is never a message request.
      store.accept(accountId, entry.room.jid);
      entry.batch.flush();
      resendPending(entry.room.jid);
      catchUp(entry);
    }
    emitRoom(entry);
    answer(entry, 'waiting', { room: entry.room });
    if (entry.renaming?.nick === entry.room.nick) answer(entry, 'renaming', { room: entry.room });
  }

  const subjects = createSubjectRequests(ANSWER_TIMEOUT_MS);
  // XEP-0410 §3: a room that lost us silently (its service restarted) is joined again, as after a reconnect.
  const selfPing = createSelfPing({
    connection,
    logger,
    idleMs: deps.selfPingIdleMs ?? SELF_PING_IDLE_MS,
    joinedAs: (room) => (rooms.get(room)?.room.state === 'joined' ? `${room}/${rooms.get(room)?.room.nick ?? ''}` : undefined),
    onRemoved: (room) => {
      const entry = rooms.get(room);
      if (!entry) return;
      entry.room = { ...entry.room, state: 'joining' };
      emitRoom(entry);
      sendJoin(entry, true);
    },
  });

  function onMessage(stanza: Element): Promise<void> | void {
    const entry = rooms.get(roomOf(stanza.attrs.from));
    if (!entry) return;
    selfPing.seen(entry.room.jid);
    if (stanza.attrs.from === entry.room.jid && isAffiliationNotice(stanza)) {
      members.changed(entry.room.jid);
      return deps.onMembers?.(entry.room.jid, []);
    }
    if (subjects.refused(entry.room.jid, stanza) || stanza.attrs.type !== 'groupchat') return;
    return connection.pipeline.prepareMessage(stanza, { source: 'live' }).then((content) => {
      if (content) ingest(entry, content);
    });
  }

  function ingest(entry: Entry, content: Element): void {
    // XEP-0425: a moderator removed a message, which the room names by its stanza-id.
    const notice = parseModerationNotice(content, entry.room.jid);
    if (notice) {
      const removed = store.moderate(accountId, entry.room.jid, notice.stanzaId, notice.moderation);
      if (removed) deps.changed(removed);
      return;
    }
    const parsed = parseRoomMessage(content, viewOf(entry));
    if (!parsed) return;
    if (parsed.kind === 'subject') {
      if (parsed.by === entry.room.nick) subjects.applied(entry.room.jid);
      const rest = omit(entry.room, 'subject', 'subjectBy');
      entry.room = { ...rest, ...(parsed.subject === '' ? {} : { subject: parsed.subject }), ...(parsed.by === undefined ? {} : { subjectBy: parsed.by }) };
      return emitRoom(entry);
    }
    entry.lastSeen = Math.max(entry.lastSeen ?? -Infinity, parsed.message.timestamp);
    // Our own message echoed by the room merges with the stored one (origin-id), history seen before is not kept twice (stanza-id).
    const { stanzaId, timestamp } = parsed.message;
    const result = store.batch(() => {
      const inserted = store.insert(parsed.message);
      // XEP-0313: the next join's catch-up starts from here; dated by our clock, so with a margin for the room's.
      if (entry.caughtUp && entry.archive && stanzaId !== undefined && !parsed.delayed) store.setArchiveCursor(accountId, entry.room.jid, { id: stanzaId, timestamp: timestamp - CLOCK_MARGIN_MS });
      return inserted;
    });
    if (result.kind !== 'duplicate') deps.changed(result.message);
    // The history replayed on join was said while we were away: not news.
    if (result.kind === 'inserted' && !parsed.delayed && result.message.direction === 'in') deps.onNew?.(result.message);
  }

  const removeStep = connection.pipeline.useIncoming(markPrivateMessages((room) => rooms.has(room)));
  const removePresence = connection.pipeline.handle({ stanza: 'presence' }, onPresence);
  const removeMessage = connection.pipeline.handle({ stanza: 'message' }, onMessage);
  const removeSession = connection.onSessionStart(({ resumed }) => {
    for (const entry of rooms.values()) {
      if (entry.room.state !== 'offline') continue;
      // XEP-0198: a resumed session never left the room.
      if (resumed) {
        entry.room = { ...entry.room, state: 'joined' };
        emitRoom(entry);
        continue;
      }
      entry.room = { ...entry.room, state: 'joining' };
      emitRoom(entry);
      sendJoin(entry, true);
    }
  });
  const removeState = connection.onState((state) => {
    if (state.status === 'online') return;
    for (const entry of rooms.values()) {
      if (entry.room.state !== 'joined' && entry.room.state !== 'joining') continue;
      answer(entry, 'waiting', { error: new CausetteError('not-connected', 'The connection was lost while joining the room.', undefined, { context: 'account', jid: deps.ownJid }) });
      entry.room = { ...entry.room, state: 'offline' };
      emitRoom(entry);
    }
  });

  function joined(room: string): Entry {
    const entry = rooms.get(room);
    if (entry?.room.state !== 'joined') throw new CausetteError('not-found', `You are not in the room ${room}.`, undefined, { context: 'notJoined', room });
    return entry;
  }

  return {
    /** Whether a presence is a room's (our contacts' presence does not count it). */
    claims: (stanza: Element): boolean => stanza.getChild('x', NS_MUC_USER) !== undefined || (rooms.size > 0 && rooms.has(roomOf(stanza.attrs.from))),
    rooms: (): Room[] => [...rooms.values()].map((entry) => entry.room),
    room: (room: string): Room | undefined => rooms.get(room)?.room,
    /** The password we joined with, which a direct invitation passes on (XEP-0249 §2). */
    password: (room: string): string | undefined => rooms.get(room)?.password,
    occupants: (room: string): Occupant[] => [...(rooms.get(room)?.occupants.occupants.values() ?? [])],
    /** The real bare JIDs of a members-only, non-anonymous room's members and occupants, ours left out. */
    members: (room: string): Promise<readonly string[]> => members.members(room),
    /** The real bare JID of an occupant of a room we are in, when the room shows it (XEP-0045 §7.2.3, or to moderators). */
    occupantJid: (room: string, nick: string): string | undefined => bareOf(rooms.get(room)?.occupants.occupants.get(nick)?.jid),
    /** The real bare JID of a groupchat or private message's sender, when the room we are in shows it. */
    sender: (message: Element, context: MessageContext): string | undefined => {
      const room = roomOf(message.attrs.from);
      return rooms.has(room) ? members.sender(message, context, room) : undefined;
    },
    /** §7.2: settles once the room confirms us (110), or rejects with the room's refusal. `create`: a room that does not exist yet is fine. */
    async join(room: string, nick: string, password?: string, create = false): Promise<Room> {
      const existing = rooms.get(room);
      if (existing?.room.state === 'joined' && existing.room.nick === nick) return existing.room;
      if (existing?.waiting) throw new CausetteError('conflict', `Already joining ${room}.`, undefined, { context: 'nickInUse', nick, room });
      const info = await fetchRoomInfo(connection, room, create);
      if (create && info) throw new CausetteError('already-exists', `The room ${room} already exists.`, undefined, { context: 'room', room });
      existing?.batch.dispose();
      const entry = createEntry(room, nick, password, deps.onOccupants);
      if (info) entry.room = { ...entry.room, features: info.features, ...(info.name === undefined ? {} : { name: info.name }) };
      if (info?.archive) entry.archive = info.archive;
      rooms.set(room, entry);
      const done = new Promise<Room>((resolve, reject) => {
        const timer = setTimeout(() => {
          rooms.delete(room);
          entry.batch.dispose();
          answer(entry, 'waiting', { error: new CausetteError('timeout', `The room ${room} did not answer in time.`, undefined, { context: 'room', room }) });
        }, deps.joinTimeoutMs ?? JOIN_TIMEOUT_MS);
        entry.waiting = { resolve, reject, timer };
      });
      emitRoom(entry);
      sendJoin(entry, false);
      return done;
    },
    /** §7.14: the room is forgotten at once; its unavailable echo changes nothing more. */
    async leave(room: string): Promise<void> {
      const entry = rooms.get(room);
      if (!entry) return;
      rooms.delete(room);
      entry.batch.dispose();
      archive.forget(room);
      answer(entry, 'waiting', { error: new CausetteError('not-found', `You are not in the room ${room}.`, undefined, { context: 'notJoined', room }) });
      entry.room = { ...entry.room, state: 'left', role: 'none' };
      emitRoom(entry);
      await connection.send(buildLeave(`${room}/${entry.room.nick}`));
    },
    /** §7.4: stored pending, then sent; the room's echo marks it sent. */
    send(room: string, body: string): Message {
      const entry = rooms.get(room);
      // Written while the room takes us back (after a reconnect), it waits pending and goes out once we are in.
      if (entry?.room.state !== 'joined' && entry?.room.state !== 'joining' && entry?.room.state !== 'offline') joined(room);
      const id = randomUUID();
      const inserted = store.insert({ id, accountId, peer: room, kind: 'groupchat', direction: 'out', body, timestamp: now(), state: 'pending', originId: id, remoteId: id, sender: { nick: entry?.room.nick ?? '' } });
      deps.changed(inserted.message);
      if (entry?.room.state === 'joined') deps.sendStored(inserted.message);
      return inserted.message;
    },
    /** §10.2: reads the room's features again after a configuration change; a configured new room is no longer locked. */
    async refresh(room: string): Promise<void> {
      const info = await fetchRoomInfo(connection, room, true);
      const entry = rooms.get(room);
      if (!entry) return;
      const kept = omit(entry.room, 'created');
      // §10.2 muc#roomconfig_enablearchiving may have turned the room's archive on or off.
      if (info?.archive) entry.archive = info.archive;
      else if (info) delete entry.archive;
      entry.room = { ...kept, ...(info ? { features: { ...info.features, logged: info.features.logged || kept.features.logged }, ...(info.name === undefined ? {} : { name: info.name }) } : {}) };
      emitRoom(entry);
    },
    /** §7.6: settles once the room confirms our new nickname (303, then 110 under it); rejects with its refusal. */
    setNick(room: string, nick: string): Promise<Room> {
      const entry = joined(room);
      if (entry.room.nick === nick) return Promise.resolve(entry.room);
      answer(entry, 'renaming', { error: new CausetteError('conflict', `The nickname ${nick} is already taken in ${room}.`, undefined, { context: 'nickInUse', nick, room }) });
      const answered = new Promise<Room>((resolve, reject) => {
        const timer = setTimeout(() => answer(entry, 'renaming', { error: new CausetteError('timeout', `The room ${room} did not answer in time.`, undefined, { context: 'room', room }) }), ANSWER_TIMEOUT_MS);
        entry.renaming = { nick, resolve, reject, timer };
      });
      void connection.send(buildRoomPresence(`${room}/${nick}`, deps.availability?.() ?? { show: 'online' })).catch((error: unknown) => answer(entry, 'renaming', { error: error instanceof Error ? error : new Error(String(error)) }));
      return answered;
    },
    /** §7.7: our availability changed: every room we are in is told. */
    announce(): void {
      const presence = deps.availability?.();
      if (!presence) return;
      for (const entry of rooms.values()) {
        if (entry.room.state === 'joined') void connection.send(buildRoomPresence(`${entry.room.jid}/${entry.room.nick}`, presence)).catch(() => undefined);
      }
    },
    /** §8.1: settles once the room sends everyone the new subject; rejects with its refusal. */
    async setSubject(room: string, subject: string): Promise<void> {
      joined(room);
      const id = randomUUID();
      const answered = subjects.wait(room, id);
      // The room may refuse before the write settles: the refusal is the caller's, not an unhandled one.
      answered.catch(() => undefined);
      await connection.send(buildSubject({ room, id, subject }));
      return answered;
    },
    /** XEP-0425: as a moderator, asks the room to remove a message (by our id for it); the room's notice then removes it here. */
    moderate(messageId: string, reason?: string): Promise<void> {
      const message = store.get(messageId);
      return moderateMessage(connection, message, message && rooms.get(message.peer)?.room, reason);
    },
    /** XEP-0313: about `limit` messages of the room older than what is stored; 'unavailable' when it keeps no archive. */
    async scrollBack(room: string, limit: number): Promise<'more' | 'complete' | 'unavailable'> {
      const entry = rooms.get(room);
      if (!entry?.archive) return 'unavailable';
      return archive.scrollBack(archivedRoom(entry, entry.archive), limit);
    },
    dispose(): void {
      disposed = true;
      archive.dispose();
      selfPing.dispose();
      removeStep();
      removePresence();
      removeMessage();
      removeSession();
      removeState();
      for (const entry of rooms.values()) {
        clearTimeout(entry.waiting?.timer);
        clearTimeout(entry.renaming?.timer);
        entry.batch.dispose();
      }
      rooms.clear();
      subjects.dispose(new CausetteError('not-connected', 'The account was signed out.', undefined, { context: 'account', jid: deps.ownJid }));
    },
  };
}

export type Muc = ReturnType<typeof setupMuc>;
