// XEP-0444 reactions under a message as chips with their counts ("👍 2"); a chip toggles our own reaction.
import { useTranslation } from 'react-i18next';
import type { Reaction } from '../../../shared/model/message.ts';
import { useMessageControlsTabIndex } from './message-focus.ts';

interface ReactionsProps {
  readonly reactions: readonly Reaction[];
  readonly ownJid: string;
  readonly onToggle: (emoji: string) => void;
}

export function Reactions({ reactions, ownJid, onToggle }: ReactionsProps) {
  const { t } = useTranslation();
  const tabIndex = useMessageControlsTabIndex();
  const shown = reactions.filter((reaction) => reaction.senders.length > 0);
  if (shown.length === 0) return null;
  return (
    <div className="reactions" role="group" aria-label={t('reactions.label')}>
      {shown.map((reaction) => (
        <button
          key={reaction.emoji}
          type="button"
          className="reaction-chip"
          tabIndex={tabIndex}
          aria-pressed={reaction.senders.includes(ownJid)}
          title={reaction.senders.join(', ')}
          onClick={() => onToggle(reaction.emoji)}
        >
          {`${reaction.emoji} ${reaction.senders.length}`}
        </button>
      ))}
    </div>
  );
}
