// The "Conversations" section of the sidebar: one entry per peer, most recent first, with the last message, unread count and mute.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectConversations, useChat } from '../../stores/chat.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { useUi } from '../../stores/ui.ts';
import { displayName } from '../presence/labels.ts';
import { ArchiveSyncStatus } from './ArchiveSyncStatus.tsx';
import { conversationPreview } from './conversation-preview.ts';
import { NewChat } from './NewChat.tsx';

export function ConversationList({ accountId, ownJid }: { readonly accountId: string; readonly ownJid: string }) {
  const id = useId();
  const { t } = useTranslation();
  const conversations = useChat((state) => selectConversations(state, accountId));
  const contacts = useRoster((state) => selectAccountRoster(state, accountId)?.contacts);
  const open = useUi((state) => (state.openChat?.accountId === accountId ? state.openChat.peer : undefined));
  return (
    <section className="conversations" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('conversations.title')}</h2>
      <ArchiveSyncStatus accountId={accountId} />
      <NewChat accountId={accountId} ownJid={ownJid} />
      <ul className="conversation-list">
        {conversations.map((conversation) => {
          const contact = contacts?.get(conversation.peer);
          const name = contact ? displayName(contact) : conversation.peer;
          const preview = conversationPreview(conversation.lastMessage);
          const selected = open === conversation.peer;
          return (
            <li key={conversation.peer}>
              <button
                type="button"
                className={selected ? 'conversation-item selected' : 'conversation-item'}
                aria-current={selected ? 'true' : undefined}
                onClick={() => useUi.getState().showChat(accountId, conversation.peer)}
              >
                <span className="conversation-name">
                  {name}
                  {conversation.muted && (
                    <span className="muted-mark" title={t('chat.muted')}>
                      <span aria-hidden="true"> 🔕</span>
                      <span className="visually-hidden">{` ${t('conversations.muted')}`}</span>
                    </span>
                  )}
                </span>
                {preview !== '' && <span className={conversation.lastMessage?.retracted ? 'conversation-preview deleted' : 'conversation-preview'}>{preview}</span>}
                {conversation.unread > 0 && (
                  <span className="unread-badge">
                    <span aria-hidden="true">{conversation.unread}</span>
                    <span className="visually-hidden">{` ${t('conversations.unread', { count: conversation.unread })}`}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
