// A room's header: its name (or address), where we are with it, its subject, how many are in, and its actions.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import type { Occupant, Room } from '../../../shared/model/room.ts';
import { Pause } from '../contacts/Pause.tsx';
import { Avatar } from '../contacts/Avatar.tsx';
import { MutedMark } from '../chat/MutedMark.tsx';
import { EncryptionToggle } from '../encryption/EncryptionToggle.tsx';
import { RoomEncryptionNote } from '../encryption/RoomEncryptionNote.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { RoomFacts } from './RoomFacts.tsx';
import { RoomNotifySelect } from './RoomNotifySelect.tsx';

interface RoomHeaderProps {
  readonly accountId: string;
  readonly peer: string;
  readonly name: string;
  /** This session's state of the room; none once left. */
  readonly room: Room | undefined;
  readonly occupants: readonly Occupant[];
  readonly muted: boolean;
  readonly onToggleMute: () => void;
  readonly onLeave: () => void;
  readonly onClose: () => void;
  /** The bookmark switch (XEP-0402), once the room is ours this session. */
  readonly bookmark?: ReactNode;
  /** An action of the header failed (or its error is over). */
  readonly onError: (message: string | undefined) => void;
}

export function RoomHeader({ accountId, peer, name, room, occupants, muted, onToggleMute, onLeave, onClose, bookmark, onError }: RoomHeaderProps) {
  const { t } = useTranslation();
  const [inviting, setInviting] = useState(false);
  const noteId = useId();
  const subject = room?.subject?.trim();
  const joined = room?.state === 'joined';
  return (
    <div className="dialog-head chat-head room-head">
      <Avatar jid={peer} name={name} />
      <div className="chat-title">
        <h2>
          {name}
          {muted && <MutedMark />}
        </h2>
        <p className="contact-state">
          <span className="state-word">{joined ? t('room.occupants', { count: occupants.length }) : stateWords(room, t)}</span>
          {name !== peer && (
            <span className="room-address">
              <Pause />
              {peer}
            </span>
          )}
        </p>
        {joined && <RoomFacts features={room.features} />}
        {joined && <RoomEncryptionNote accountId={accountId} room={peer} id={noteId} />}
        {subject !== undefined && subject !== '' && (
          <p className="room-subject" title={subject}>
            <span className="visually-hidden">{t('room.subject')}</span>
            {subject}
          </p>
        )}
      </div>
      <div className="room-actions">
        {joined && (
          <button type="button" className="quiet" onClick={() => setInviting(true)}>
            {t('invite.open')}
          </button>
        )}
        {joined && <EncryptionToggle accountId={accountId} peer={peer} onError={onError} room describedBy={noteId} />}
        {bookmark}
        <RoomNotifySelect accountId={accountId} peer={peer} onError={onError} />
        <button type="button" className="quiet" aria-pressed={muted} onClick={onToggleMute}>
          {muted ? t('chat.unmute') : t('chat.mute')}
        </button>
        {room && room.state !== 'left' && (
          <button type="button" className="quiet danger-quiet" onClick={onLeave}>
            {t('room.leave')}
          </button>
        )}
      </div>
      <button type="button" className="quiet room-close" onClick={onClose}>
        {t('common.close')}
      </button>
      {inviting && room && <InviteDialog accountId={accountId} room={room} name={name} occupants={occupants} onClose={() => setInviting(false)} />}
    </div>
  );
}

function stateWords(room: Room | undefined, t: (key: string) => string): string {
  switch (room?.state) {
    case 'joining':
      return t('room.joining');
    case 'offline':
      return t('room.offline');
    case 'removed':
      return room.removed?.reason === 'destroyed' ? t('room.destroyed') : t('room.removed');
    default:
      return t('room.notJoined');
  }
}
