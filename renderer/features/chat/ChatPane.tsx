// A conversation with one peer: its messages as plain text, oldest first, and a box to write the next one.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Message } from '../../../shared/model/message.ts';
import { call, messageOf } from '../../api.ts';
import { loadHistory, markRead } from '../../chat-sync.ts';
import { Alert } from '../../components/Alert.tsx';
import { selectMessages, useChat } from '../../stores/chat.ts';
import { useUi } from '../../stores/ui.ts';

interface ChatPaneProps {
  readonly accountId: string;
  readonly peer: string;
  /** The contact's name, or the address. */
  readonly name: string;
  readonly online: boolean;
}

const stateLabel: Record<Message['state'], string> = { pending: 'Sending…', sent: 'Sent', failed: 'Not sent' };

export function ChatPane({ accountId, peer, name, online }: ChatPaneProps) {
  const id = useId();
  const messages = useChat((state) => selectMessages(state, accountId, peer));
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    setError(undefined);
    loadHistory(accountId, peer).catch((cause: unknown) => setError(messageOf(cause)));
  }, [accountId, peer]);

  // Read while shown: on open, on each new message, and when the window becomes visible again.
  const count = messages?.length ?? 0;
  useEffect(() => {
    const mark = () => {
      if (document.visibilityState === 'visible') void markRead(accountId, peer).catch(() => undefined);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [accountId, peer, count]);

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);

  const send = () => {
    const body = draft;
    if (body.trim() === '') return;
    setDraft('');
    setError(undefined);
    // The stored message and its state changes come back as chat.message events.
    call('chat.send', { accountId, peer, body }).catch((cause: unknown) => {
      setDraft(body);
      setError(messageOf(cause));
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <section className="conversation chat" aria-label={`Conversation with ${name}`}>
      <div className="dialog-head">
        <h2 id={`${id}-title`}>{name}</h2>
        <button type="button" className="quiet" onClick={() => useUi.getState().closeChat()}>
          Close
        </button>
      </div>
      <ol className="messages" ref={listRef} aria-label="Messages">
        {messages?.map((message) => (
          <li key={message.id} className={`message ${message.direction}`}>
            <p className="message-body">{message.body}</p>
            <p className="message-meta">
              <time dateTime={new Date(message.timestamp).toISOString()}>{new Date(message.timestamp).toLocaleTimeString()}</time>
              {message.direction === 'out' && <span className={`message-state ${message.state}`}> · {stateLabel[message.state]}</span>}
            </p>
          </li>
        ))}
      </ol>
      {error !== undefined && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <label htmlFor={`${id}-message`} className="visually-hidden">
          Message
        </label>
        <textarea
          id={`${id}-message`}
          rows={2}
          maxLength={10_000}
          placeholder={online ? `Message ${name}` : 'Sign in to send messages'}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" disabled={!online || draft.trim() === ''}>
          Send
        </button>
      </form>
    </section>
  );
}
