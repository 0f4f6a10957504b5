// XEP-0313 §4 on a room's archive (MUC MAM), asked at the room's JID: on each join what was said since our cursor for the
// room (its last messages on a first join), and older pages on scroll-back; each message kept once with the copies the
// room sends live or replays on join (XEP-0359 stanza-id by the room, else XEP-0421 occupant-id, text and time).
import type { Message } from '../../../../shared/model/message.ts';
import type { Logger } from '../../log/logger.ts';
import type { MessageStore, NewMessage } from '../../storage/messages.ts';
import type { Connection } from '../connection.ts';
import { runCatchUp, type ArchiveIntake } from '../mam/catch-up.ts';
import { createArchiveQuery, type QueryArchive } from '../mam/mam-query.ts';
import { scrollBack } from '../mam/scroll-back.ts';
import { parseRoomMessage, type RoomView } from './room-messages.ts';

/** Without a cursor (our first join here), the catch-up fetches the room's last messages; older ones come by scrolling back. */
export const ROOM_FIRST_JOIN_MESSAGES = 50;
export const ROOM_SCROLL_BACK_TIMEOUT_MS = 10_000;

export interface RoomArchiveDeps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'iq' | 'pipeline'>;
  readonly store: MessageStore;
  readonly logger: Logger;
  /** A room message stored or changed. */
  readonly changed: (message: Message) => void;
  readonly now: () => number;
}

/** What the room archive needs of a room we are in. */
export interface ArchivedRoom {
  readonly jid: string;
  /** XEP-0313 §6.1.1: the room's archive takes after-id. */
  readonly extended: boolean;
  /** How the room's messages read now (our nickname, its occupants). */
  readonly view: () => RoomView;
}

export function setupRoomArchive(deps: RoomArchiveDeps) {
  const { accountId, store, logger } = deps;
  const queries = new Map<string, { readonly query: QueryArchive; readonly dispose: () => void }>();
  const scrolling = new Map<string, Promise<'more' | 'complete'>>();
  const queryOf = (room: string): QueryArchive => {
    let found = queries.get(room);
    if (!found) {
      found = createArchiveQuery({ address: { archive: room, ownJid: deps.ownJid }, connection: deps.connection, logger });
      queries.set(room, found);
    }
    return found.query;
  };

  /** `missed`: what the catch-up after a cursor brings was said while we were away, unread unless we wrote after it. */
  function intake(room: ArchivedRoom, missed: boolean): ArchiveIntake<NewMessage> {
    const repliedAt = missed ? (store.lastOutgoing(accountId, room.jid)?.timestamp ?? -1) : Infinity;
    return {
      async prepare(stanza, context) {
        const content = await deps.connection.pipeline.prepareMessage(stanza, context);
        const parsed = content && parseRoomMessage(content, room.view());
        if (parsed?.kind !== 'message') return undefined;
        const timestamp = context.timestamp ?? parsed.message.timestamp;
        return {
          ...parsed.message,
          archive: room.jid,
          timestamp,
          ...(context.stanzaId === undefined ? {} : { stanzaId: context.stanzaId }),
          read: parsed.message.direction === 'out' || timestamp <= repliedAt,
        };
      },
      apply(message) {
        // The room's archive dates to the second: what was missed comes after what is stored within that second.
        const newest = missed ? store.page(accountId, room.jid, {}, 1).messages[0]?.timestamp : undefined;
        const sameSecond = newest !== undefined && newest >= message.timestamp && Math.floor(newest / 1000) === Math.floor(message.timestamp / 1000);
        const result = store.insert(sameSecond ? { ...message, timestamp: newest + 1 } : message);
        if (result.kind !== 'duplicate') deps.changed(result.message);
      },
    };
  }

  return {
    /** Fetches what the room said since our cursor; true once all of it is here (the cursor moved, or nothing was missing). */
    async catchUp(room: ArchivedRoom, cancelled: () => boolean): Promise<boolean> {
      const missed = store.archiveCursor(accountId, room.jid) !== undefined;
      let done = false;
      await runCatchUp(
        {
          accountId,
          store,
          query: queryOf(room.jid),
          archive: room.jid,
          intake: intake(room, missed),
          logger,
          onProgress: (sync) => {
            done = sync.status === 'idle';
          },
          now: deps.now,
          firstSyncMessages: ROOM_FIRST_JOIN_MESSAGES,
        },
        room.extended,
        cancelled,
      );
      return done && !cancelled();
    },
    /** About `limit` messages older than the oldest stored for the room; one scroll-back at a time per room. */
    scrollBack(room: ArchivedRoom, limit: number): Promise<'more' | 'complete'> {
      const running = scrolling.get(room.jid);
      if (running) return running;
      const started = scrollBack({ accountId, store, query: queryOf(room.jid), archive: room.jid, intake: intake(room, false), logger }, room.jid, limit, ROOM_SCROLL_BACK_TIMEOUT_MS).finally(() =>
        scrolling.delete(room.jid),
      );
      scrolling.set(room.jid, started);
      return started;
    },
    /** We left the room: its query handler goes. */
    forget(room: string): void {
      queries.get(room)?.dispose();
      queries.delete(room);
    },
    dispose(): void {
      for (const { dispose } of queries.values()) dispose();
      queries.clear();
    },
  };
}

export type RoomArchive = ReturnType<typeof setupRoomArchive>;
