// The composition root of the core: store, logs, accounts with their XMPP sessions, and the handler table both hosts serve.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Emit, Handlers } from '../../shared/ipc/contract.ts';
import { isMuted } from '../../shared/model/mute.ts';
import type { Core, CoreOptions } from './core-api.ts';
import { checkEventsByDefault, createCoreEvents } from './core-events.ts';
import { createAccountService } from './accounts/account-service.ts';
import { createAvatarHandlers } from './accounts/avatar-handlers.ts';
import { createBlockingHandlers } from './accounts/blocking-handlers.ts';
import { createBookmarkHandlers } from './accounts/bookmark-handlers.ts';
import { createChatHandlers } from './accounts/chat-handlers.ts';
import { createDirectPeerHandlers } from './accounts/direct-peer-handlers.ts';
import { createMucHandlers } from './accounts/muc-handlers.ts';
import { createNotifier } from './accounts/notifier.ts';
import { createNotifyHandlers } from './accounts/notify-handlers.ts';
import { createOmemoHandlers } from './accounts/omemo-handlers.ts';
import { createOwnPresenceState } from './accounts/own-presence-state.ts';
import { createPresenceHandlers } from './accounts/presence-service.ts';
import { createRosterHandlers } from './accounts/roster-handlers.ts';
import { createSearchHandlers } from './accounts/search-handlers.ts';
import { createTransferHandlers } from './accounts/transfer-handlers.ts';
import { createFileLogger } from './log/file-logger.ts';
import { createAccountStore } from './storage/accounts.ts';
import { createAvatarCache } from './storage/avatar-cache.ts';
import { createAvatarStore } from './storage/avatars.ts';
import { createCapsCacheStore } from './storage/caps-cache.ts';
import { createDirectPeerStore } from './storage/direct-peers.ts';
import { openDatabase } from './storage/database.ts';
import { createMessageStore } from './storage/messages.ts';
import { createOmemoKeyStore, type OmemoKeyStore } from './storage/omemo-keys.ts';
import { createKeySealer, loadStoreKey } from './storage/omemo-sealing.ts';
import { createOwnPresenceStore } from './storage/own-presence.ts';
import { createRosterStore } from './storage/roster.ts';
import { createMessageSearch } from './storage/search.ts';
import { createSettingsStore } from './storage/settings.ts';
import { createFileRegistry } from './transfers/files.ts';
import { createDownloads, DEFAULT_MAX_DOWNLOAD } from './transfers/download/download.ts';
import { createTransfers } from './transfers/transfers.ts';
import { restoredTransfer } from './jingle/file-transfer/index.ts';
import { createResumableStore } from './storage/jingle-resumable.ts';
import { savedFileOf } from './accounts/saved-files.ts';

export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.profileDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(options.profileDir, 'causette.sqlite'));
  const settings = createSettingsStore(db);
  let debugLogging = settings.read().debugLogging;
  let holdRequests = settings.read().holdRequests;
  const fileLogger = createFileLogger({ dir: join(options.profileDir, 'logs'), level: () => debugLogging });
  const logger = options.logger ?? fileLogger;
  logger.info('Causette core starting', { version: options.version });

  const events = createCoreEvents({ check: options.checkEvents ?? checkEventsByDefault(process.env), logger });
  const emit: Emit = (name, payload) => {
    events.emit(name, payload);
    if (name === 'chat.message' || name === 'chat.conversation' || name === 'chat.conversationRemoved' || name === 'account.removed') notifier.unreadMayHaveChanged();
  };

  const rosterStore = createRosterStore(db);
  const presence = createOwnPresenceState(createOwnPresenceStore(db));
  const avatarCache = createAvatarCache(join(options.profileDir, 'avatars'));
  const avatarStore = createAvatarStore(db);
  const messageStore = createMessageStore(db, { holdRequests: () => holdRequests });
  const notifier = createNotifier({
    store: messageStore,
    emit,
    nameOf: (accountId, peer) => accounts.entries().find((entry) => entry.record.id === accountId)?.session?.roster.get(peer)?.name,
    policy: () => {
      const { muteNotifications, notificationSound } = settings.read();
      return { muted: isMuted(muteNotifications, Date.now()), sound: notificationSound };
    },
    stranger: (accountId, peer) => holdRequests && accounts.entries().find((entry) => entry.record.id === accountId)?.session?.roster.get(peer) === undefined,
    accountOf: (accountId) => {
      const entries = accounts.entries();
      return entries.length > 1 ? entries.find((entry) => entry.record.id === accountId)?.record.jid : undefined;
    },
  });
  // One OMEMO key store per account, opened once with its sealing key from the secret box (XEP-0384, issue 12 point 1).
  const omemoStores = new Map<string, Promise<OmemoKeyStore>>();
  const omemoKeys = (accountId: string): Promise<OmemoKeyStore> => {
    const opened = omemoStores.get(accountId) ?? loadStoreKey(options.secrets, accountId).then((key) => createOmemoKeyStore(db, accountId, createKeySealer(key)));
    omemoStores.set(accountId, opened);
    opened.catch(() => omemoStores.delete(accountId));
    return opened;
  };
  const transfers = createTransfers((transfer) => emit('transfer.updated', transfer));
  // Interrupted Jingle transfers, kept across sign-ins and restarts so that either side can go on from the bytes already there.
  const resumable = createResumableStore(db);
  for (const record of resumable.list()) {
    const transfer = await restoredTransfer(record, Date.now());
    if (transfer) transfers.restore(transfer);
    else resumable.remove(record.transferId);
  }
  const directPeers = createDirectPeerStore(db);
  const downloadsDir = options.downloadsDir ?? join(homedir(), 'Downloads');
  const accounts = createAccountService({
    store: createAccountStore(db),
    rosterStore,
    capsStore: createCapsCacheStore(db),
    avatarCache,
    avatarStore,
    messageStore,
    presence,
    secrets: options.secrets,
    logger,
    extraCa: options.extraCa ?? [],
    emit,
    onNewMessage: notifier.newMessage,
    onInvitation: notifier.newInvitation,
    shareChatActivity: () => settings.read().shareChatActivity,
    version: options.version,
    omemoKeys,
    jingle: { transfers, resumable, downloadsDir: () => downloadsDir, directCandidates: () => settings.read().directTransfers, directPeers, onOffer: notifier.newOffer, ...(options.directHosts ? { directHosts: options.directHosts } : {}), ...(options.autoResume ? { autoResume: options.autoResume } : {}) },
    ...(options.mucSelfPingIdleMs === undefined ? {} : { mucSelfPingIdleMs: options.mucSelfPingIdleMs }),
  });

  const files = createFileRegistry();
  const downloads = createDownloads({ transfers, folder: () => downloadsDir, extraCa: options.extraCa ?? [], maxBytes: options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD });
  const handlers: Handlers = {
    'app.snapshot': () =>
      Promise.resolve({
        version: options.version,
        accounts: accounts.list(),
        settings: settings.read(),
        secretStorage: options.secrets.kind,
        logFile: fileLogger.file,
      }),
    'account.add': (request) => accounts.add(request),
    'account.register': (request) => accounts.register(request),
    'account.connect': (request) => accounts.connect(request),
    'account.disconnect': (request) => accounts.disconnect(request),
    'account.remove': (request) => accounts.remove(request),
    'account.trustCertificate': (request) => accounts.trustCertificate(request),
    'settings.update': (request) => {
      const next = settings.write(request);
      debugLogging = next.debugLogging;
      const requestsChanged = next.holdRequests !== holdRequests;
      holdRequests = next.holdRequests;
      emit('settings.updated', next);
      // Conversations held as requests move (the renderer reads its lists again on this setting), and the unread total with them.
      if (requestsChanged) notifier.unreadMayHaveChanged();
      return Promise.resolve(next);
    },
    ...createRosterHandlers({ accounts, rosterStore, presence, avatarStore }),
    ...createPresenceHandlers({ accounts, presence, settings: () => settings.read(), logger }),
    ...createBlockingHandlers({ accounts, logger }),
    ...createChatHandlers({ accounts, store: messageStore, emit }),
    ...createMucHandlers({ accounts }),
    ...createBookmarkHandlers({ accounts }),
    ...createOmemoHandlers({ accounts, store: messageStore, emit }),
    ...createNotifyHandlers(notifier),
    ...createSearchHandlers({ accounts, search: createMessageSearch(db) }),
    ...createDirectPeerHandlers({ accounts, store: directPeers }),
    ...createAvatarHandlers({ accounts, cache: avatarCache, presence, logger }),
    ...createTransferHandlers({ accounts, files, transfers, downloads, extraCa: options.extraCa ?? [], downloadsDir: () => downloadsDir, fileShell: options.fileShell }),
  };

  await accounts.resume();

  return {
    handlers,
    logger,
    onEvent: events.onEvent,
    files,
    downloadedFile: (id) => downloads.pathOf(id),
    receivedFile: savedFileOf({ accounts, transfers, downloads }),
    async close() {
      await accounts.close();
      notifier.dispose();
      db.close();
      logger.info('Causette core stopped');
    },
  };
}
