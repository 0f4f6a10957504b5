// The actions on one message: reply, react, edit (our last one), send again (ours, still waiting), delete for everyone (ours),
// copy its text.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  /** Ours and still waiting for the server: write it again (the same id, so receivers keep one copy). */
  readonly onResend: () => void;
  readonly onDelete: () => Promise<void>;
}

export function MessageActions({ message, ownReactions, editable, onReply, onReact, onEdit, onResend, onDelete }: MessageActionsProps) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard.writeText(message.body).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className={picking ? 'message-actions open' : 'message-actions'} role="group" aria-label={t('actions.label')}>
      <button type="button" className="quiet" onClick={onReply}>
        {t('actions.reply')}
      </button>
      <button type="button" className="quiet" aria-expanded={picking} onClick={() => setPicking(!picking)}>
        {t('actions.react')}
      </button>
      {picking && (
        <div className="reaction-picker" role="group" aria-label={t('actions.pick')}>
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
          {t('actions.edit')}
        </button>
      )}
      {message.direction === 'out' && message.state === 'pending' && (
        <button type="button" className="quiet" onClick={onResend}>
          {t('actions.resend')}
        </button>
      )}
      <button type="button" className="quiet" onClick={copy} onBlur={() => setCopied(false)}>
        {t('actions.copy')}
      </button>
      {copied && (
        <span role="status" className="copied">
          {t('actions.copied')}
        </span>
      )}
      {message.direction === 'out' && (
        <ConfirmedAction
          label={t('actions.delete')}
          question={t('actions.deleteQuestion')}
          keepLabel={t('actions.keep')}
          confirmLabel={t('actions.deleteConfirm')}
          run={onDelete}
        />
      )}
    </div>
  );
}
