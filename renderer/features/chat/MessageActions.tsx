// The actions on one message: reply, react, edit (our last one), delete for everyone (ours), copy its text.
import { useState } from 'react';
import type { Message } from '../../../shared/model/message.ts';
import { ConfirmedAction } from '../../components/ConfirmedAction.tsx';

export const quickReactions = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

interface MessageActionsProps {
  readonly message: Message;
  readonly ownReactions: readonly string[];
  /** Our last message: the one that can be corrected. */
  readonly editable: boolean;
  readonly onReply: () => void;
  readonly onReact: (emoji: string) => void;
  readonly onEdit: () => void;
  readonly onDelete: () => Promise<void>;
}

export function MessageActions({ message, ownReactions, editable, onReply, onReact, onEdit, onDelete }: MessageActionsProps) {
  const [picking, setPicking] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard.writeText(message.body).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className={picking ? 'message-actions open' : 'message-actions'} role="group" aria-label="Message actions">
      <button type="button" className="quiet" onClick={onReply}>
        Reply
      </button>
      <button type="button" className="quiet" aria-expanded={picking} onClick={() => setPicking(!picking)}>
        React
      </button>
      {picking && (
        <div className="reaction-picker" role="group" aria-label="Pick a reaction">
          {quickReactions.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="quiet"
              aria-pressed={ownReactions.includes(emoji)}
              onClick={() => {
                setPicking(false);
                onReact(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      {editable && (
        <button type="button" className="quiet" onClick={onEdit}>
          Edit
        </button>
      )}
      <button type="button" className="quiet" onClick={copy} onBlur={() => setCopied(false)}>
        Copy text
      </button>
      {copied && (
        <span role="status" className="copied">
          Copied
        </span>
      )}
      {message.direction === 'out' && (
        <ConfirmedAction
          label="Delete for everyone"
          question="Delete this message for everyone?"
          keepLabel="Keep message"
          confirmLabel="Delete"
          run={onDelete}
        />
      )}
    </div>
  );
}
