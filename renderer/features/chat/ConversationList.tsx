// The "Conversations" section of the sidebar: one entry per peer, most recent first, with the last message and unread count.
import { useId } from 'react';
import { selectConversations, useChat } from '../../stores/chat.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { useUi } from '../../stores/ui.ts';
import { displayName } from '../presence/labels.ts';
import { NewChat } from './NewChat.tsx';

export function ConversationList({ accountId, ownJid }: { readonly accountId: string; readonly ownJid: string }) {
  const id = useId();
  const conversations = useChat((state) => selectConversations(state, accountId));
  const contacts = useRoster((state) => selectAccountRoster(state, accountId)?.contacts);
  const open = useUi((state) => (state.openChat?.accountId === accountId ? state.openChat.peer : undefined));
  return (
    <section className="conversations" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Conversations</h2>
      <NewChat accountId={accountId} ownJid={ownJid} />
      <ul className="conversation-list">
        {conversations.map((conversation) => {
          const contact = contacts?.get(conversation.peer);
          const name = contact ? displayName(contact) : conversation.peer;
          const last = conversation.lastMessage;
          return (
            <li key={conversation.peer}>
              <button
                type="button"
                className={open === conversation.peer ? 'conversation-item selected' : 'conversation-item'}
                aria-current={open === conversation.peer ? 'true' : undefined}
                onClick={() => useUi.getState().showChat(accountId, conversation.peer)}
              >
                <span className="conversation-name">{name}</span>
                {last && (
                  <span className="conversation-preview">
                    {last.direction === 'out' ? 'You: ' : ''}
                    {last.body.length > 80 ? `${last.body.slice(0, 80)}…` : last.body}
                  </span>
                )}
                {conversation.unread > 0 && (
                  <span className="unread-badge" aria-label={`${conversation.unread} unread`}>
                    {conversation.unread}
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
