// An account's live link: its connection and, on it, its session modules; opened and closed together.
import type { Emit } from '../../../shared/ipc/contract.ts';
import type { Account, ConnectionState } from '../../../shared/model/account.ts';
import type { Logger } from '../log/logger.ts';
import type { AccountRecord, AccountStore } from '../storage/accounts.ts';
import type { AvatarCache } from '../storage/avatar-cache.ts';
import type { AvatarStore } from '../storage/avatars.ts';
import type { CapsCacheStore } from '../storage/caps-cache.ts';
import type { MessageStore } from '../storage/messages.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import type { RosterStore } from '../storage/roster.ts';
import { createConnection, type Connection } from '../xmpp/connection.ts';
import { createAccountSession, type AccountSession, type AccountSessionDeps } from './account-session.ts';
import { toAccount } from './account-view.ts';
import type { OwnPresenceState } from './own-presence-state.ts';

export interface Live {
  record: AccountRecord;
  state: ConnectionState;
  connection?: Connection;
  session?: AccountSession;
  /** Kept in memory for reconnects while the account is signed in, even when not remembered on disk. */
  password?: string;
}

export interface LinkDeps {
  readonly store: AccountStore;
  readonly rosterStore: RosterStore;
  readonly capsStore: CapsCacheStore;
  readonly avatarCache: AvatarCache;
  readonly avatarStore: AvatarStore;
  readonly messageStore: MessageStore;
  readonly presence: OwnPresenceState;
  readonly logger: Logger;
  readonly extraCa: readonly string[];
  readonly emit: Emit;
  /** A message was newly stored (the notifier decides whether it is worth a notification). */
  readonly onNewMessage?: AccountSessionDeps['onNewMessage'];
  readonly onInvitation?: AccountSessionDeps['onInvitation'];
  /** The user's choice of who gets receipts, markers and chat states. */
  readonly shareChatActivity?: AccountSessionDeps['shareChatActivity'];
  /** Causette's version, for XEP-0092 answers. */
  readonly version: string;
  readonly mucSelfPingIdleMs?: number;
  /** The account's OMEMO key store (its sealing key comes from the secret box, hence asynchronous). */
  readonly omemoKeys?: (accountId: string) => Promise<OmemoKeyStore>;
  readonly jingle?: AccountSessionDeps['jingle'];
}

export function createLinks(deps: LinkDeps) {
  const view = (entry: Live): Account => toAccount(entry.record, deps.store.pinned(entry.record.id), entry.state);
  const publish = (entry: Live) => deps.emit('account.updated', view(entry));
  const publishOwn = (entry: Live) => {
    const accountId = entry.record.id;
    deps.emit('presence.ownChanged', {
      accountId,
      presence: deps.presence.effective(accountId),
      recentStatuses: [...deps.presence.recentStatuses(accountId)],
      invisibility: entry.session?.invisibility() ?? 'unknown',
    });
  };

  async function stop(entry: Live): Promise<void> {
    const { connection, session } = entry;
    delete entry.connection;
    delete entry.session;
    await connection?.stop();
    session?.dispose();
  }

  async function open(entry: Live, password: string): Promise<void> {
    await stop(entry);
    entry.password = password;
    const { record } = entry;
    const logger = deps.logger.child({ account: record.id });
    const omemoKeys = await deps.omemoKeys?.(record.id).catch((error: unknown) => {
      logger.warn('the OMEMO keys cannot be opened: no encryption this time', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    });
    const connection = createConnection({
      account: record.id,
      jid: record.jid,
      password,
      resource: record.resource,
      ...(record.host === undefined ? {} : { host: record.host }),
      ...(record.port === undefined ? {} : { port: record.port }),
      tls: record.tls,
      extraCa: deps.extraCa,
      pinned: deps.store.pinned(record.id),
      logger,
      saslMemory: deps.store.sasl(record.id),
      // What a successful authentication remembers doubles as "this account has signed in before".
      firstSignIn: deps.store.sasl(record.id) === undefined,
      onAuthenticated: (memory) => deps.store.rememberSasl(record.id, memory),
    });
    entry.connection = connection;
    connection.onState((state) => {
      if (entry.connection !== connection) return;
      entry.state = state;
      if (state.status === 'offline' && state.reason?.code === 'not-authorized') delete entry.password;
      publish(entry);
    });
    entry.session = createAccountSession({
      accountId: record.id,
      jid: record.jid,
      connection,
      rosterStore: deps.rosterStore,
      capsStore: deps.capsStore,
      avatarCache: deps.avatarCache,
      avatarStore: deps.avatarStore,
      messageStore: deps.messageStore,
      emit: deps.emit,
      logger,
      version: deps.version,
      ownPresence: () => deps.presence.announced(record.id),
      onInvisibility: () => publishOwn(entry),
      onNewMessage: deps.onNewMessage,
      onInvitation: deps.onInvitation,
      shareChatActivity: deps.shareChatActivity,
      omemoKeys,
      jingle: deps.jingle,
      ...(deps.mucSelfPingIdleMs === undefined ? {} : { mucSelfPingIdleMs: deps.mucSelfPingIdleMs }),
    });
    connection.start();
  }

  return { view, publish, publishOwn, open, stop };
}

export type Links = ReturnType<typeof createLinks>;
