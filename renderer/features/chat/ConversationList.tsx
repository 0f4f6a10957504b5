// The "Conversations" section of the sidebar, most recent first; conversations from strangers wait apart under "Message requests".
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/model/message.ts';
import { selectAccount, useAccounts } from '../../stores/accounts.ts';
import { selectConversations, useChat } from '../../stores/chat.ts';
import { useRooms } from '../../stores/rooms.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { useUi } from '../../stores/ui.ts';
import { displayName } from '../presence/labels.ts';
import { occupantName } from '../rooms/occupant-name.ts';
import { BookmarkList } from '../rooms/BookmarkList.tsx';
import { JoinRoomDialog } from '../rooms/JoinRoomDialog.tsx';
import { RoomInvitations } from '../rooms/RoomInvitations.tsx';
import { ArchiveSyncStatus } from './ArchiveSyncStatus.tsx';
import { ConversationItem } from './ConversationItem.tsx';
import { NewChat } from './NewChat.tsx';

export function ConversationList({ accountId, ownJid }: { readonly accountId: string; readonly ownJid: string }) {
  const id = useId();
  const { t } = useTranslation();
  const conversations = useChat((state) => selectConversations(state, accountId));
  const contacts = useRoster((state) => selectAccountRoster(state, accountId)?.contacts);
  const rooms = useRooms((state) => state.byAccount[accountId]?.rooms);
  const online = useAccounts((state) => selectAccount(state, accountId)?.connection.status === 'online');
  const [joining, setJoining] = useState(false);
  const open = useUi((state) => (state.openChat?.accountId === accountId ? state.openChat.peer : undefined));
  const requests = conversations.filter((conversation) => conversation.request === true);
  const ordinary = conversations.filter((conversation) => conversation.request !== true);
  const item = (conversation: Conversation) => {
    const contact = contacts?.get(conversation.peer);
    return (
      <ConversationItem
        key={conversation.peer}
        accountId={accountId}
        conversation={conversation}
        name={contact ? displayName(contact) : (rooms?.[conversation.peer]?.name ?? occupantName(conversation.peer, t) ?? conversation.peer)}
        selected={open === conversation.peer}
        avatarHash={contact?.avatarHash}
      />
    );
  };
  return (
    <section className="conversations" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('conversations.title')}</h2>
      <ArchiveSyncStatus accountId={accountId} />
      <NewChat accountId={accountId} ownJid={ownJid} />
      <button type="button" className="join-room" disabled={!online} onClick={() => setJoining(true)}>
        {t('joinRoom.open')}
      </button>
      {joining && <JoinRoomDialog accountId={accountId} ownJid={ownJid} onClose={() => setJoining(false)} />}
      <RoomInvitations accountId={accountId} ownJid={ownJid} />
      <BookmarkList accountId={accountId} ownJid={ownJid} />
      {requests.length > 0 && (
        <section className="message-requests" aria-labelledby={`${id}-requests`}>
          <h3 id={`${id}-requests`}>
            {t('messageRequests.title')} <span className="section-count">{requests.length}</span>
          </h3>
          <p className="hint">{t('messageRequests.hint')}</p>
          <ul className="conversation-list">{requests.map(item)}</ul>
        </section>
      )}
      <ul className="conversation-list">{ordinary.map(item)}</ul>
    </section>
  );
}
