// A conversation with one peer, or in a room (XEP-0045): its header, the message list, the peer's typing, the composer, and a room's occupants.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/model/contact.ts';
import type { Message } from '../../../shared/model/message.ts';
import { call, messageOf } from '../../api.ts';
import { markRead } from '../../chat-sync.ts';
import { Alert } from '../../components/Alert.tsx';
import { selectAccount, useAccounts } from '../../stores/accounts.ts';
import { selectConversation, selectPeerTyping, selectView, useChat } from '../../stores/chat.ts';
import { useUi } from '../../stores/ui.ts';
import { selectOccupants, selectRoom, useRooms } from '../../stores/rooms.ts';
import { OccupantList } from '../rooms/OccupantList.tsx';
import { RejoinBar } from '../rooms/RejoinBar.tsx';
import { BookmarkToggle } from '../rooms/BookmarkToggle.tsx';
import { RoomHeader } from '../rooms/RoomHeader.tsx';
import { NewDeviceBanner } from '../encryption/NewDeviceBanner.tsx';
import { ConversationTransfers } from '../transfers/ConversationTransfers.tsx';
import { sendFiles } from '../transfers/send-files.ts';
import { useFileDrop } from '../transfers/use-file-drop.ts';
import { DeclineBars } from '../rooms/DeclineBars.tsx';
import { VoiceBars } from '../rooms/VoiceBars.tsx';
import { ChatHeader, closeChat } from './ChatHeader.tsx';
import { Composer } from './Composer.tsx';
import { lastOwnMessage } from './message-rows.ts';
import { MessageList } from './MessageList.tsx';
import { PlainLinksProvider } from './plain-links.ts';
import { RequestBar } from './RequestBar.tsx';
import { useWindowActive } from './window-active.ts';
import { sharedFileOf } from '../transfers/shared-file.ts';

interface ChatPaneProps {
  readonly accountId: string;
  readonly peer: string;
  /** The contact's name, or the address. */
  readonly name: string;
  /** The peer's roster entry, if it is a contact. */
  readonly contact: Contact | undefined;
  readonly online: boolean;
  /** A room's conversation: the room's header, the senders' nicknames, muc.send, the occupant list. */
  readonly room?: boolean;
}

export function ChatPane({ accountId, peer, name, contact, online, room = false }: ChatPaneProps) {
  const { t } = useTranslation();
  const ownJid = useAccounts((state) => selectAccount(state, accountId)?.jid ?? '');
  const conversation = useChat((state) => selectConversation(state, accountId, peer));
  const peerTyping = useChat((state) => selectPeerTyping(state, accountId, peer));
  const lastIncomingMessage = useChat((state) => selectView(state, accountId, peer).messages.findLast((message) => message.direction === 'in'));
  const lastIncoming = lastIncomingMessage?.id;
  const announcement = useAnnouncement(lastIncomingMessage, lastIncomingMessage?.sender?.nick ?? name);
  const roomState = useRooms((state) => selectRoom(state, accountId, peer));
  const occupants = useRooms((state) => selectOccupants(state, accountId, peer));
  const openChat = useUi((state) => state.openChat);
  const active = useWindowActive();
  // The marker stays where the unread messages began when the conversation was opened, though reading them clears the count.
  const [firstUnreadId] = useState(() => selectConversation(useChat.getState(), accountId, peer)?.firstUnreadId);
  const [focus, setFocus] = useState(() => {
    const messageId = useUi.getState().openChat?.focusMessageId;
    return messageId === undefined ? undefined : { messageId, request: 0 };
  });
  const [initialOpen] = useState(openChat);
  const [replyTo, setReplyTo] = useState<Message>();
  const [editing, setEditing] = useState<Message>();
  const [sentCount, setSentCount] = useState(0);
  const [error, setError] = useState<string>();
  const muted = conversation?.muted ?? false;
  const unread = conversation?.unread ?? 0;
  const request = conversation?.request === true;

  // Another search hit in the same conversation.
  useEffect(() => {
    const messageId = openChat?.focusMessageId;
    if (openChat === initialOpen || messageId === undefined) return;
    setFocus((before) => ({ messageId, request: (before?.request ?? 0) + 1 }));
  }, [openChat, initialOpen]);

  // Read while shown in an active window: on open, when unread messages come, when the window comes back.
  const markedIncoming = useRef<string>(undefined);
  useEffect(() => {
    const fresh = lastIncoming !== undefined && lastIncoming !== markedIncoming.current;
    if (!active || (unread === 0 && !fresh)) return;
    markedIncoming.current = lastIncoming;
    void markRead(accountId, peer).catch(() => undefined);
  }, [active, unread, lastIncoming, accountId, peer]);

  const show = (messageId: string) => setFocus((before) => ({ messageId, request: (before?.request ?? 0) + 1 }));
  const editLast = () => {
    const view = selectView(useChat.getState(), accountId, peer);
    // Further back in history, our last message is not loaded: nothing to correct from here.
    const last = view.hasNewer ? undefined : lastOwnMessage(view.messages);
    if (last) setEditing(last);
  };
  const toggleMute = () => {
    setError(undefined);
    call('chat.setMuted', { accountId, peer, muted: !muted }).catch((cause: unknown) => setError(messageOf(cause)));
  };

  const leave = () => {
    setError(undefined);
    call('muc.leave', { accountId, room: peer }).then(
      () => {
        useRooms.getState().left(accountId, peer);
        closeChat(peer);
      },
      (cause: unknown) => setError(messageOf(cause)),
    );
  };
  const joined = roomState?.state === 'joined';
  const mayWrite = online && (!room || joined);
  const send = (files: File[]) => {
    if (!mayWrite) return setError(t('transfers.notNow'));
    setError(undefined);
    void sendFiles(accountId, peer, files).then((problems) => setError(problems.length === 0 ? undefined : problems.join('\n')));
  };
  const drop = useFileDrop(send);
  const dropHint = drop.dragging && (
    <p className="drop-hint" aria-hidden="true">
      {t('transfers.dropHint', { name })}
    </p>
  );

  const pane = (
    <>
      {!room && request && <RequestBar accountId={accountId} peer={peer} online={online} />}
      {!room && <NewDeviceBanner accountId={accountId} peer={peer} name={name} ownJid={ownJid} />}
      <PlainLinksProvider value={request}>
        <MessageList
          accountId={accountId}
          peer={peer}
          peerName={name}
          ownJid={ownJid}
          room={room}
          firstUnreadId={firstUnreadId}
          focus={focus}
          sentCount={sentCount}
          onReply={(message) => {
            setEditing(undefined);
            setReplyTo(message);
          }}
          onEdit={(message) => {
            setReplyTo(undefined);
            setEditing(message);
          }}
          onShow={show}
          onError={setError}
        />
      </PlainLinksProvider>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {!room && (
        <p role="status" className="typing-status">
          {peerTyping === 'composing' ? t('chat.typing', { name }) : ''}
        </p>
      )}
      {error !== undefined && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
      {!online && <p className="hint offline-hint">{t('chat.offline')}</p>}
      {room && online && !joined && <RejoinBar accountId={accountId} peer={peer} room={roomState} onError={setError} />}
      {room && joined && <VoiceBars key={roomState.role} accountId={accountId} room={roomState} occupants={occupants} onError={setError} />}
      {room && <DeclineBars accountId={accountId} room={peer} />}
      <ConversationTransfers accountId={accountId} peer={peer} peerName={name} />
      {(!room || joined) && (
        <Composer
          key={`${accountId} ${peer}`}
          accountId={accountId}
          peer={peer}
          peerName={name}
          room={room}
          replyTo={replyTo}
          editing={editing}
          onCancelReply={() => setReplyTo(undefined)}
          onCancelEdit={() => setEditing(undefined)}
          onEditLast={room ? () => undefined : editLast}
          onSent={() => setSentCount((count) => count + 1)}
          onError={setError}
          onFiles={send}
        />
      )}
    </>
  );
  if (!room) {
    return (
      <section className={drop.dragging ? 'conversation chat dropping' : 'conversation chat'} aria-label={t('chat.with', { name })} {...drop.handlers}>
        {dropHint}
        <ChatHeader accountId={accountId} peer={peer} name={name} contact={contact} muted={muted} onToggleMute={toggleMute} onError={setError} />
        {pane}
      </section>
    );
  }
  return (
    <section className={drop.dragging ? 'conversation chat room-view dropping' : 'conversation chat room-view'} aria-label={t('room.label', { name })} {...drop.handlers}>
      {dropHint}
      <RoomHeader
        accountId={accountId}
        peer={peer}
        name={name}
        room={roomState}
        occupants={occupants}
        muted={muted}
        onToggleMute={toggleMute}
        onLeave={leave}
        onClose={() => closeChat(peer)}
        bookmark={roomState && roomState.state !== 'left' && <BookmarkToggle accountId={accountId} room={roomState} onError={setError} />}
        onError={setError}
      />
      <div className="room-main">{pane}</div>
      {joined && <OccupantList accountId={accountId} room={peer} occupants={occupants} subject={roomState?.subject ?? ''} />}
    </section>
  );
}

/**
 * What a screen reader is told, politely, when a message comes in while the conversation is open: history that
 * loads on opening, written before that, is not read out.
 */
function useAnnouncement(last: Message | undefined, name: string): string {
  const { t } = useTranslation();
  const [openedAt] = useState(() => Date.now());
  const seen = useRef<string>(undefined);
  const [text, setText] = useState('');
  useEffect(() => {
    // Deleted or removed by a moderator (XEP-0424, XEP-0425) after it was read out: its text does not stay on the page.
    if (last?.retracted && last.id === seen.current) {
      setText('');
      return;
    }
    if (!last || last.id === seen.current) return;
    const fresh = seen.current !== undefined || last.timestamp >= openedAt;
    seen.current = last.id;
    const file = sharedFileOf(last);
    // A shared file is read out by its name, never by its address (an aesgcm:// one holds its key).
    const body = file ? t('files.label', { name: file.name === '' ? t('files.unnamed') : file.name }) : last.body;
    if (fresh && !last.retracted) setText(t('chat.announce', { name, body }));
  }, [last, name, openedAt, t]);
  return text;
}
