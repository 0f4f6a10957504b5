// One account's XMPP modules on its connection, installed in this order: iq routing, our disco/version answers,
// roster, subscriptions, contacts' presence, own presence, chat, carbons, archive, group chats. A fresh session (not a resumed one) fetches
// the roster, learns how to be invisible, announces our presence (RFC 6121 §2.2: roster before presence), then catches up
// with the archive (XEP-0313).
import type { Element } from '@xmpp/xml';
import type { Emit } from '../../../shared/ipc/contract.ts';
import { toAppError } from '../../../shared/ipc/errors.ts';
import type { Contact, SubscriptionRequest } from '../../../shared/model/contact.ts';
import { encryptionState, roomEncryptionState } from '../../../shared/model/encryption.ts';
import type { Message } from '../../../shared/model/message.ts';
import type { Invitation } from '../../../shared/model/room.ts';
import { defaultSettings, type ShareChatActivity } from '../../../shared/model/settings.ts';
import type { Logger } from '../log/logger.ts';
import type { AvatarCache } from '../storage/avatar-cache.ts';
import type { AvatarStore } from '../storage/avatars.ts';
import type { CapsCacheStore } from '../storage/caps-cache.ts';
import type { DirectPeerStore } from '../storage/direct-peers.ts';
import type { MessageStore } from '../storage/messages.ts';
import type { OmemoKeyStore } from '../storage/omemo-keys.ts';
import { JET_FEATURES, JINGLE_FT_FEATURES, setupJingleFileTransfer, type ResumeStore } from '../jingle/file-transfer/index.ts';
import { jetOverOmemo } from '../jingle/jet/jet-omemo.ts';
import { setupAutoResume } from '../transfers/auto-resume.ts';
import { resumeTransfer } from './resume-transfer.ts';
import { NS_DEVICE_LIST_NOTIFY } from '../omemo/axolotl-pubsub.ts';
import { NS_DEVICES_NOTIFY } from '../omemo/omemo2/namespaces.ts';
import { setupOmemo } from '../omemo/omemo.ts';
import type { RosterStore } from '../storage/roster.ts';
import type { Transfers } from '../transfers/transfers.ts';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { NS_AVATAR_METADATA_NOTIFY } from '../xmpp/avatar/avatar-stanzas.ts';
import { setupAvatars } from '../xmpp/avatar/avatars.ts';
import { createAutojoin } from '../xmpp/bookmarks/autojoin.ts';
import { NS_BOOKMARKS_NOTIFY } from '../xmpp/bookmarks/bookmark-stanzas.ts';
import { setupBookmarks } from '../xmpp/bookmarks/bookmarks.ts';
import { buildCaps } from '../xmpp/caps/caps.ts';
import { setupCarbons } from '../xmpp/carbons/carbons.ts';
import { setupChat } from '../xmpp/chat/chat.ts';
import type { MessageSource } from '../xmpp/pipeline/message-context.ts';
import { CHAT_FEATURES, NS_SID } from '../xmpp/chat/chat-stanzas.ts';
import type { Connection, SessionInfo } from '../xmpp/connection.ts';
import { buildDiscoInfoGet, NS_DISCO_INFO, parseDiscoInfo } from '../xmpp/disco/disco-info.ts';
import { createAccountInfo } from '../xmpp/disco/account-info.ts';
import { CAPS_NODE, ownDiscoInfo, setupResponders } from '../xmpp/disco/responders.ts';
import { setupIqRouter } from '../xmpp/iq-router.ts';
import { setupMam } from '../xmpp/mam/mam.ts';
import { MUC_FEATURES } from '../xmpp/muc/invitation-stanzas.ts';
import { setupInvitations } from '../xmpp/muc/invitations.ts';
import { setupVoiceRequests } from '../xmpp/muc/voice-requests.ts';
import { setupMuc } from '../xmpp/muc/muc.ts';
import { NS_MAM } from '../xmpp/mam/mam-stanzas.ts';
import { setupBlocking } from '../xmpp/blocking/blocking.ts';
import { setupContactsPresence } from '../xmpp/presence/contacts-presence.ts';
import { mayLearnOnline, refuseWhileInvisible, type Audience } from '../xmpp/presence/invisible-guard.ts';
import { detectInvisibility, type Mechanism } from '../xmpp/presence/invisibility.ts';
import { setupOwnPresence, type Announced } from '../xmpp/presence/own-presence.ts';
import { createCoalescer } from '../xmpp/roster/coalescer.ts';
import { toContact } from '../xmpp/roster/contact-view.ts';
import type { RosterItem } from '../model/roster-item.ts';
import { NS_ROSTER_VER } from '../xmpp/roster/roster-items.ts';
import { setupRoster } from '../xmpp/roster/roster.ts';
import { NS_PRE_APPROVAL, setupSubscriptions } from '../xmpp/roster/subscriptions.ts';

export interface AccountSessionDeps {
  readonly accountId: string;
  /** The account's bare JID. */
  readonly jid: string;
  readonly connection: Connection;
  readonly rosterStore: RosterStore;
  readonly capsStore: CapsCacheStore;
  readonly avatarCache: AvatarCache;
  readonly avatarStore: AvatarStore;
  /** Where chat messages are kept; without it, chat is not installed (tests of other modules). */
  readonly messageStore?: MessageStore;
  /** A chat message newly stored, with where it came from. */
  readonly onNewMessage?: ((message: Message, source: MessageSource) => void) | undefined;
  /** A new invitation to a room, for the notifier. */
  readonly onInvitation?: ((accountId: string, invitation: Invitation) => void) | undefined;
  /** Who gets receipts, markers and chat states; the default setting when not given. */
  readonly shareChatActivity?: (() => ShareChatActivity) | undefined;
  readonly emit: Emit;
  readonly logger: Logger;
  readonly version: string;
  /** What to announce now: the user's choice, or the automatic state. */
  readonly ownPresence: () => Announced;
  /** How invisibility works on this server changed (learned, or unknown again). */
  readonly onInvisibility: () => void;
  /** XEP-0410: how long a room may be silent before we check that we are still in it. */
  readonly mucSelfPingIdleMs?: number;
  /** The account's OMEMO keys (XEP-0384); without them (or without chat), OMEMO is not installed. */
  readonly omemoKeys?: OmemoKeyStore | undefined;
  /** Where Jingle file transfers (XEP-0234) are registered and saved; without it, Jingle is not installed. */
  readonly jingle?:
    | {
        readonly transfers: Transfers;
        /** Interrupted transfers that can go on (XEP-0234 §6.4), kept by the core across sign-ins and restarts. */
        readonly resumable?: ResumeStore;
        readonly downloadsDir: () => string;
        readonly directCandidates?: () => boolean;
        readonly directHosts?: readonly string[];
        /** How an interrupted transfer goes on by itself after a reconnection (attempts 0: only by hand). */
        readonly autoResume?: { readonly attempts?: number; readonly backoffMs?: number };
        /** Peers the user allowed direct transfers with, though not mutual contacts. */
        readonly directPeers?: Pick<DirectPeerStore, 'allowed'>;
        /** A file was offered to us: the user is to accept or decline it. */
        readonly onOffer?: (transfer: Transfer) => void;
      }
    | undefined;
}

/** RFC 6121 §3: 'from' and 'both' let the contact see our presence. */
const sharesPresence = (subscription: string | undefined): boolean => subscription === 'from' || subscription === 'both';

export function createAccountSession(deps: AccountSessionDeps) {
  const { accountId, connection, logger } = deps;
  const domain = deps.jid.slice(deps.jid.indexOf('@') + 1);
  let invisibility: Mechanism | 'unknown' = 'unknown';
  let preApproval = false;
  /** XEP-0359 §3.1: our server's stanza-ids count once our account's features say it sets them. */
  let stanzaIds = false;
  // Before the modules that ask it, so that a fresh session forgets the last one's answer before they ask again.
  const accountInfo = createAccountInfo(connection, deps.jid, (features) => void (stanzaIds = features.includes(NS_SID) || features.includes(NS_MAM)));

  const audience: Audience = {
    invisible: () => deps.ownPresence().show === 'invisible',
    ownBare: deps.jid.toLowerCase(),
    domain,
    seesUs: (bare) => sharesPresence(roster.get(bare)?.subscription),
  };
  // XEP-0186 §3: while invisible, a stranger's request is refused as if no resource were here, before any module sees it.
  const removeGuard = connection.pipeline.useIncoming((stanza) => {
    const refusal = refuseWhileInvisible(stanza, audience);
    if (!refusal) return stanza;
    return connection.send(refusal).then(() => undefined);
  });
  const router = setupIqRouter({ connection, logger });
  const omemoKeys = deps.messageStore ? deps.omemoKeys : undefined;
  const info = ownDiscoInfo([
    NS_AVATAR_METADATA_NOTIFY,
    ...(deps.messageStore ? [...CHAT_FEATURES, ...MUC_FEATURES, NS_BOOKMARKS_NOTIFY] : []),
    // XEP-0384 v0.3.0 §4.2, v0.8 §5.3.1: contacts' device lists of both versions pushed to us.
    ...(omemoKeys ? [NS_DEVICE_LIST_NOTIFY, NS_DEVICES_NOTIFY] : []),
    ...(deps.jingle ? JINGLE_FT_FEATURES : []),
    ...(deps.jingle && omemoKeys ? JET_FEATURES : []),
  ]);
  const removeResponders = setupResponders({ router, info, version: deps.version });
  const contactOf = (item: RosterItem): Contact => toContact(item, presence.view(item.jid), avatars.hashOf(item.jid));
  const coalescer = createCoalescer(
    (delta) => deps.emit('roster.changed', { accountId, ...delta }),
    (jid) => {
      const item = roster.get(jid);
      return item && contactOf(item);
    },
  );
  const roster = setupRoster({
    accountId,
    ownJid: deps.jid,
    connection,
    router,
    store: deps.rosterStore,
    logger,
    onChange: (jid, item) => {
      if (item) coalescer.upsert(jid);
      else coalescer.remove(jid);
      subscriptions.rosterChanged(jid, item);
      chat?.rosterChanged(jid);
    },
  });
  const subscriptions = setupSubscriptions({
    accountId,
    connection,
    roster,
    store: deps.rosterStore,
    logger,
    preApproval: () => preApproval,
    onRequestsChanged: (requests) => deps.emit('subscription.requestsChanged', { accountId, requests }),
  });
  const warn = (what: string) => (error: unknown) => logger.warn(what, { error: error instanceof Error ? error.message : String(error) });
  /** This session's roster get: RFC 6121 §2.2, before any other request of the session, and shown as soon as it is in. */
  let fetched: Promise<unknown> = Promise.resolve();
  /** This session's first questions to our server, asked as soon as the session starts so that their answers follow the roster's. */
  let asked: { readonly info: Promise<Element>; readonly blocklist: Promise<Element> } | undefined;
  // Right after resource binding, before XEP-0198 is enabled (as a bare client does): the server answers at once, without
  // keeping the whole roster for resumption first (with XEP-0198 on, Prosody took 150–190 ms for 5,000 items, not 110).
  const removeRosterFetch = connection.onBound((bound) => {
    fetched = roster
      .fetch(bound.features?.getChild('ver', NS_ROSTER_VER) !== undefined, (request) => bound.iq(request))
      .then(() => coalescer.flush())
      .catch(warn('the roster could not be fetched'));
  });
  const removeQuestions = connection.onSessionStart(({ resumed }) => {
    if (resumed) return;
    // First: the archive's support (XEP-0313 §7) is then known as our presence goes out, and the catch-up starts right after it.
    accountInfo.prefetch();
    const info = connection.iq(buildDiscoInfoGet(domain), 15_000);
    info.catch(() => undefined);
    asked = { info, blocklist: blocking.ask() };
  });
  const presence = setupContactsPresence({
    ownJid: deps.jid,
    connection,
    capsStore: deps.capsStore,
    logger,
    isContact: (bare) => roster.get(bare) !== undefined,
    onChange: (bare) => {
      if (roster.get(bare)) coalescer.upsert(bare);
      autoResume?.peerChanged(bare);
    },
    onSubscription: (type, bare, message) => subscriptions.received(type, bare, message),
    fromRoom: (stanza) => muc?.claims(stanza) === true,
  });
  const avatars = setupAvatars({
    accountId,
    ownJid: deps.jid,
    connection,
    accountInfo,
    cache: deps.avatarCache,
    store: deps.avatarStore,
    logger,
    isContact: (bare) => roster.get(bare) !== undefined,
    onChange: (bare) => {
      if (roster.get(bare)) coalescer.upsert(bare);
    },
    onOwnChange: (hash) => deps.emit('avatar.ownChanged', { accountId, ...(hash === undefined ? {} : { hash }) }),
  });
  const own = setupOwnPresence({ connection, caps: buildCaps(CAPS_NODE, info), avatarUpdate: () => avatars.presenceUpdate() });
  const chat = deps.messageStore
    ? setupChat({
        accountId,
        ownJid: deps.jid,
        connection,
        accountInfo,
        store: deps.messageStore,
        logger,
        onMessage: (message) => deps.emit('chat.message', { accountId, message }),
        onConversation: (conversation) => deps.emit('chat.conversation', { accountId, conversation }),
        onTyping: (peer, state) => deps.emit('chat.typing', { accountId, peer, state }),
        ...(deps.onNewMessage ? { onNew: deps.onNewMessage } : {}),
        stanzaIds: () => stanzaIds,
        // XEP-0184 §8: with "contacts", only those allowed to see our presence learn that we read or type; while invisible, too.
        // A stranger whose conversation waits as a message request learns nothing until the user accepts it.
        mayShareActivity: (peer) =>
          audience.seesUs(peer) ||
          ((deps.shareChatActivity?.() ?? defaultSettings.shareChatActivity) === 'everyone' && mayLearnOnline(peer, audience) && deps.messageStore?.isRequest(accountId, peer) !== true),
      })
    : undefined;
  // XEP-0280 and XEP-0313 feed the chat pipeline with copies from our other devices and from our archive.
  const carbons = chat ? setupCarbons({ ownJid: deps.jid, connection, logger, intake: chat.intake }) : undefined;
  const mam =
    chat && deps.messageStore
      ? setupMam({ accountId, ownJid: deps.jid, connection, store: deps.messageStore, logger,
          intake: chat.intake,
          onProgress: (sync) => deps.emit('chat.archiveSync', { accountId, sync }),
          accountInfo,
        })
      : undefined;
  // XEP-0045: rooms store their messages through chat, so that a room's conversation is like any other.
  const muc =
    chat && deps.messageStore
      ? setupMuc({
          accountId,
          ownJid: deps.jid,
          connection,
          store: deps.messageStore,
          logger,
          onRoom: (room) => {
            if (room.state === 'joined') invitations?.joined(room.jid);
            deps.emit('muc.room', { accountId, room });
            // Whether the room can be encrypted in follows its settings.
            if (omemo) deps.emit('omemo.encryption', { accountId, state: roomEncryptionState(room.jid, deps.messageStore?.encryptionChoice(accountId, room.jid), room.features) });
          },
          onMembers: (room, arrived) => omemo?.roomMembersChanged(room, arrived),
          onOccupants: (delta) => deps.emit('muc.occupants', { accountId, ...delta }),
          changed: chat.changed,
          sendStored: (message) => chat.sendStored(message),
          availability: () => deps.ownPresence(),
          ...(deps.mucSelfPingIdleMs === undefined ? {} : { selfPingIdleMs: deps.mucSelfPingIdleMs }),
          ...(deps.onNewMessage ? { onNew: (message: Message) => deps.onNewMessage?.(message, 'live') } : {}),
        })
      : undefined;
  const invitations = deps.messageStore
    ? setupInvitations({
        accountId,
        connection,
        store: deps.messageStore,
        logger,
        isContact: (bare) => roster.get(bare) !== undefined,
        inRoom: (room) => muc?.room(room)?.state === 'joined',
        onChange: (list) => deps.emit('muc.invitations', { accountId, invitations: list }),
        ...(deps.onInvitation ? { onNew: (invitation: Invitation) => deps.onInvitation?.(accountId, invitation) } : {}),
        onDeclined: (decline) => deps.emit('muc.declined', { accountId, ...decline }),
      })
    : undefined;
  // XEP-0045 §8.6: the voice requests of the rooms we moderate.
  const voiceRequests = muc
    ? setupVoiceRequests({
        connection,
        logger,
        inRoom: (room) => muc.room(room)?.state === 'joined',
        onRequest: (request) => deps.emit('muc.voiceRequest', { accountId, request }),
      })
    : undefined;
  // XEP-0402: saved rooms; the autojoin ones joined at sign-in, later only when set anew (a reconnect rejoins what we are in, above).
  const joining =
    muc &&
    createAutojoin({
      muc,
      defaultNick: deps.jid.slice(0, deps.jid.indexOf('@')),
      onFailure: (room, error) => deps.emit('muc.autojoinFailed', { accountId, room, error: toAppError(error) }),
    });
  const bookmarks = joining
    ? setupBookmarks({ ownJid: deps.jid, connection, accountInfo, logger, onChange: (list) => deps.emit('muc.bookmarks', { accountId, bookmarks: list }), onAutojoin: joining.one })
    : undefined;
  /** Device lists heard before our own device was made (a first sign-in), told once it is. */
  const devicesHeardEarly = new Set<string>();
  /** A contact's (or our) devices with fingerprints and trust, for the locks on messages and the banner about a new device. */
  function tellDevices(jid: string): void {
    // New devices' bundles are read only where a banner may need them (ours, a contact with a verified device), not for every contact at sign-in.
    const banner = jid === deps.jid || omemoKeys?.deviceIdentities(jid).some((device) => device.trust === 'verified') === true;
    void omemo
      ?.devices(jid, banner && connection.state.status === 'online')
      .then((known) => deps.emit('omemo.devices', { accountId, jid, devices: known }))
      .catch((error: unknown) => logger.warn('OMEMO devices could not be told', { error: error instanceof Error ? error.message : String(error) }));
  }
  const omemo =
    omemoKeys && chat && deps.messageStore
      ? setupOmemo({
          ownJid: deps.jid,
          connection,
          keys: omemoKeys,
          logger,
          choice: (peer) => deps.messageStore?.encryptionChoice(accountId, peer),
          onDevices: (jid, devices) => {
            if (jid !== deps.jid) deps.emit('omemo.encryption', { accountId, state: encryptionState(jid, deps.messageStore?.encryptionChoice(accountId, jid), devices.length) });
            // Each list is told with our own device beside it. A first sign-in makes that device's keys only once the start-up is done
            // (omemo.sessionStarted: CPU work that would hold up the contacts' presence); lists heard before that wait for it.
            if (!omemoKeys.identity()) {
              devicesHeardEarly.add(jid);
              return;
            }
            const told = [...devicesHeardEarly, jid];
            devicesHeardEarly.clear();
            for (const each of new Set(told)) tellDevices(each);
          },
          // Like receipts: not to someone who may not learn we are online, nor to a stranger not yet accepted.
          mayAnswer: (jid) => jid === deps.jid || (mayLearnOnline(jid, audience) && deps.messageStore?.isRequest(accountId, jid) !== true),
          onEncrypted: (id) => {
            const message = deps.messageStore?.markEncrypted(id);
            if (message) chat.changed(message);
          },
          ...(muc ? { rooms: { features: (room: string) => muc.room(room)?.features, members: muc.members, occupantJid: muc.occupantJid, sender: muc.sender } } : {}),
        })
      : undefined;
  const jingle = deps.jingle
    ? setupJingleFileTransfer({
        accountId,
        connection,
        router,
        transfers: deps.jingle.transfers,
        ...(deps.jingle.resumable ? { resumable: deps.jingle.resumable } : {}),
        logger,
        downloadsDir: deps.jingle.downloadsDir,
        ...(deps.jingle.onOffer ? { onOffer: deps.jingle.onOffer } : {}),
        // XEP-0260 §6.1: our addresses only to a contact with a mutual subscription, or a peer the user allowed; others get the proxy or IBB.
        mayRevealAddresses: (peer) => roster.get(peer)?.subscription === 'both' || deps.jingle?.directPeers?.allowed(accountId, peer) === true,
        ...(deps.jingle.directCandidates ? { directCandidates: deps.jingle.directCandidates } : {}),
        ...(deps.jingle.directHosts ? { directHosts: () => deps.jingle?.directHosts ?? [] } : {}),
        // XEP-0391 with OMEMO (XEP-0396): files to and from an encrypted conversation's devices, end to end.
        ...(omemo ? { security: jetOverOmemo(omemo.transportKeys) } : {}),
        onInterrupted: (transfer, reason, by) => autoResume?.interrupted(transfer, reason, by),
      })
    : undefined;
  const autoResume = deps.jingle
    ? setupAutoResume({
        transfers: deps.jingle.transfers,
        online: () => connection.state.status === 'online',
        available: (peer) => presence.view(peer).resources.length > 0,
        resume: (transfer) => resumeTransfer({ connection, resourcesOf: (bare) => presence.view(bare).resources, jingle }, transfer),
        logger,
        ...deps.jingle.autoResume,
      })
    : undefined;
  const blocking = setupBlocking({ ownJid: deps.jid, connection, router, logger, onChange: (jids) => deps.emit('blocking.changed', { accountId, jids: [...jids] }) });

  // Own-presence work runs one step at a time, so a change made during start-up goes out after the initial presence.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function detect(): Promise<Mechanism> {
    const reply = await (asked?.info ?? connection.iq(buildDiscoInfoGet(domain), 15_000));
    const query = reply.getChild('query', NS_DISCO_INFO);
    const parsed = query ? parseDiscoInfo(query) : 'ill-formed';
    // XEP-0280 §4 from the same answer.
    if (carbons) void carbons.enable(parsed === 'ill-formed' ? [] : parsed.features).catch(warn('carbons could not be enabled'));
    // XEP-0191 §2 from the same answer; §3.1 the list was asked with the roster, before our presence.
    await blocking.fetch(parsed === 'ill-formed' ? [] : parsed.features, asked?.blocklist).catch(warn('the block list could not be fetched'));
    return parsed === 'ill-formed' ? 'unavailable' : detectInvisibility(parsed);
  }

  /**
   * Roster, then presence (RFC 6121 §2.2). A visible presence goes out as soon as the roster is in; the server's features
   * (how to be invisible, carbons, the block list), asked with the roster, are taken in after it. Only an invisible one
   * waits for them: never shown to contacts when the server cannot hide us. `announced` settles once presence is out.
   */
  async function start({ features }: SessionInfo, announced: () => void): Promise<void> {
    own.reset();
    preApproval = features?.getChild('sub', NS_PRE_APPROVAL) !== undefined;
    invisibility = 'unknown';
    const detection = detect().catch((error: unknown): 'unknown' => {
      warn('the server’s features are unknown')(error);
      return 'unknown';
    });
    await fetched;
    // Presence from before this session is stale; cleared just before the server sends the current one, so both land in one delta.
    presence.clear();
    const chosen = deps.ownPresence();
    const visible = chosen.show !== 'invisible';
    if (visible) {
      await own.announce(chosen.show === 'offline' ? { ...chosen, show: 'online' } : chosen, 'unknown');
      announced();
    }
    const mechanism = await detection;
    invisibility = mechanism;
    deps.onInvisibility();
    if (visible) return;
    // Never show ourselves to contacts when the user chose to be invisible and the server cannot hide us.
    if (mechanism === 'unavailable' || mechanism === 'unknown') {
      announced();
      return logger.warn('no presence sent: invisible was chosen and this server cannot hide us');
    }
    await own.announce(chosen, mechanism);
    announced();
  }

  /**
   * The start of the current session (roster, then presence). Archive queries wait for it: Prosody gives a session that
   * asked its archive no offline messages on its initial presence (mod_mam), and those are what we answer receipts for.
   */
  let started: Promise<void> = Promise.resolve();
  const removeSession = connection.onSessionStart((session) => {
    // XEP-0234 §6.4: transfers our broken connection interrupted go on once we are back (a resumed session: at once).
    if (session.resumed) autoResume?.reconnected();
    if (!session.resumed) {
      let announced: () => void = () => undefined;
      started = new Promise<void>((resolve) => (announced = resolve));
      // The rest of the start (the server's features) runs in the presence queue: a change of presence made meanwhile waits for it.
      const starting = enqueue(() => start(session, announced)).catch(warn('the session could not start'));
      // A start that failed before our presence went out still ends what waits on it.
      void starting.then(announced);
      // XEP-0313 catch-up once the roster and our presence are out, outside the presence queue.
      let asked: () => void = () => undefined;
      /** The catch-up's first page is asked for (or there is none): the server answers it before what is asked after. */
      const archiveAsked = new Promise<void>((resolve) => (asked = resolve));
      const caughtUp = started.then(() => mam?.catchUp(asked)).catch(warn('the archive catch-up failed'));
      void caughtUp.then(asked);
      // XEP-0490 §5: what our other devices displayed while we were away points at messages the catch-up brings; not when
      // a fresh session has replaced this one meanwhile (it asks after its own catch-up).
      const thisStart = started;
      void caughtUp.then(() => (started === thisStart ? chat?.fetchDisplayed() : undefined));
      // After the catch-up, whose answer the server sends after our contacts' presence, and once that presence has gone out
      // to the UI: the fetched roster is written (any change to it, or the end of the session, writes it first), then our
      // OMEMO device is published (XEP-0384; a first sign-in makes its keys then). Both are CPU work that would slow the
      // contacts' presence; a message that needs our device before then has it published at once.
      void caughtUp
        .then(() => coalescer.idle())
        .then(() => roster.persist())
        .catch(warn('the roster could not be stored'))
        .then(() => omemo?.sessionStarted());
      void started.then(() => autoResume?.reconnected());
      // Behind the catch-up's first page: the first conversations on screen come before the rooms to join.
      void archiveAsked
        .then(() => bookmarks?.fetch())
        .catch(warn('the bookmarks could not be fetched'));
    }
  });
  const removeState = connection.onState((state) => {
    if (state.status !== 'offline') return;
    presence.clear();
    coalescer.flush();
  });

  return {
    contacts: (): Contact[] => roster.items().map(contactOf),
    /** A contact's online resources, the most available first (RFC 6121 §4). */
    resourcesOf: (bare: string) => presence.view(bare).resources,
    requests: (): SubscriptionRequest[] => subscriptions.requests(),
    invisibility: () => invisibility,
    roster,
    subscriptions,
    avatars,
    blocking,
    chat,
    carbons,
    mam,
    muc,
    invitations,
    voiceRequests,
    bookmarks,
    omemo,
    jingle,
    /** Settles once the current session's roster and initial presence are out. */
    started: () => started,
    connection,
    /** Sends our presence as it now is (after a change of choice or of the automatic state). */
    announce: () =>
      enqueue(async () => {
        await own.announce(deps.ownPresence(), invisibility);
        // XEP-0045 §7.7: rooms get our availability only when told directly.
        muc?.announce();
      }),
    dispose(): void {
      removeRosterFetch();
      removeQuestions();
      removeSession();
      removeState();
      presence.dispose();
      roster.dispose();
      removeResponders();
      avatars.dispose();
      blocking.dispose();
      carbons?.dispose();
      mam?.dispose();
      bookmarks?.dispose();
      omemo?.dispose();
      autoResume?.dispose();
      jingle?.dispose();
      muc?.dispose();
      invitations?.dispose();
      voiceRequests?.dispose();
      chat?.dispose();
      router.dispose();
      accountInfo.dispose();
      removeGuard();
      presence.clear();
      coalescer.flush();
      coalescer.dispose();
    },
  };
}

export type AccountSession = ReturnType<typeof createAccountSession>;
