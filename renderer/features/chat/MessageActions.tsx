// The toolbar of one message, on one line: reply, react, edit (our last one), send again (ours, still waiting), copy its
// text, delete for everyone (ours; the question is asked under the message); in a room, only send again and copy. Icons, named by their labels.
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/model/message.ts';
import { ActionIcon, type ActionIconName } from './ActionIcon.tsx';
import { placeActions } from './actions-placement.ts';
import { useMessageControlsTabIndex } from './message-focus.ts';

export const quickReactions = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

interface MessageActionsProps {
  readonly message: Message;
  readonly ownReactions: readonly string[];
  /** Our last message: the one that can be corrected. */
  readonly editable: boolean;
  /** A room's message: replies, reactions, corrections and retractions are not offered there yet. */
  readonly inRoom: boolean;
  readonly onReply: () => void;
  readonly onReact: (emoji: string) => void;
  readonly onEdit: () => void;
  /** Ours and still waiting for the server: write it again (the same id, so receivers keep one copy). */
  readonly onResend: () => void;
  /** The question before deleting is open. */
  readonly deleting: boolean;
  /** Opens or closes the question before deleting. */
  readonly onDelete: () => void;
  /** XEP-0425: we moderate the room: asks before removing the message for everyone. */
  readonly onModerate?: (() => void) | undefined;
}

export function MessageActions({ message, ownReactions, editable, inRoom, onReply, onReact, onEdit, onResend, deleting, onDelete, onModerate }: MessageActionsProps) {
  const { t } = useTranslation();
  const tabIndex = useMessageControlsTabIndex();
  const ref = useRef<HTMLDivElement>(null);
  const reactRef = useRef<HTMLButtonElement>(null);
  const [picking, setPicking] = useState(false);
  const [copied, setCopied] = useState(false);
  // The picker makes the toolbar longer: a shown toolbar is placed again so that it stays in view.
  useLayoutEffect(() => {
    const message = ref.current?.parentElement;
    if (message?.matches(':hover, :focus-within')) placeActions(message);
  }, [picking, copied]);
  const copy = () => {
    void navigator.clipboard.writeText(message.body).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  const action = (icon: ActionIconName, label: string, run: () => void, extra: { className?: string; expanded?: boolean } = {}) => (
    <button
      type="button"
      className={extra.className ?? 'quiet'}
      aria-label={label}
      aria-expanded={extra.expanded}
      tabIndex={tabIndex}
      ref={icon === 'react' ? reactRef : undefined}
      onClick={run}
      onBlur={icon === 'copy' || icon === 'copied' ? () => setCopied(false) : undefined}
    >
      <ActionIcon name={icon} />
    </button>
  );
  return (
    <div
      ref={ref}
      className={picking ? 'message-actions open' : 'message-actions'}
      role="group"
      aria-label={t('actions.label')}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !picking) return;
        event.preventDefault();
        setPicking(false);
        reactRef.current?.focus();
      }}
    >
      {!inRoom && action('reply', t('actions.reply'), onReply)}
      {!inRoom && action('react', t('actions.react'), () => setPicking(!picking), { expanded: picking })}
      {picking && (
        <div className="reaction-picker" role="group" aria-label={t('actions.pick')}>
          {quickReactions.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="quiet"
              tabIndex={tabIndex}
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
      {editable && !inRoom && action('edit', t('actions.edit'), onEdit)}
      {message.direction === 'out' && message.state === 'pending' && action('resend', t('actions.resend'), onResend)}
      {action(copied ? 'copied' : 'copy', t('actions.copy'), copy)}
      {copied && (
        <span role="status" className="copied">
          {t('actions.copied')}
        </span>
      )}
      {message.direction === 'out' && !inRoom && action('delete', t('actions.delete'), onDelete, { className: 'quiet danger-quiet delete-ask', expanded: deleting })}
      {onModerate && action('delete', t('moderation.removeMessage'), onModerate, { className: 'quiet danger-quiet' })}
    </div>
  );
}
