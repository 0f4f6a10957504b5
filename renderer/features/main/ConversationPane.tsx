// Where a conversation is shown; for now, what to expect when none is open.
import { useId } from 'react';

export function ConversationPane() {
  const id = useId();
  return (
    <main className="conversation" aria-labelledby={`${id}-title`}>
      <div className="empty">
        <h2 id={`${id}-title`}>No conversation open</h2>
        <p className="hint">Pick a contact or a room on the left to start chatting.</p>
      </div>
    </main>
  );
}
