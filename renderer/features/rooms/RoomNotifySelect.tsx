// A room's notification setting in its header: every message, mentions of our nickname (the default), or none.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ROOM_NOTIFY, RoomNotifySchema, type RoomNotify } from '../../../shared/model/message.ts';
import { call, messageOf } from '../../api.ts';
import { selectConversation, useChat } from '../../stores/chat.ts';

interface RoomNotifySelectProps {
  readonly accountId: string;
  readonly peer: string;
  readonly onError: (message: string | undefined) => void;
}

export function RoomNotifySelect({ accountId, peer, onError }: RoomNotifySelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const stored = useChat((state) => selectConversation(state, accountId, peer)?.notify);
  // What was chosen here shows at once (a room without messages has no summary to carry it yet).
  const [chosen, setChosen] = useState<RoomNotify>();
  const value = chosen ?? stored ?? DEFAULT_ROOM_NOTIFY;
  const words: Record<RoomNotify, string> = { all: t('roomNotify.all'), mentions: t('roomNotify.mentions'), none: t('roomNotify.none') };
  const choose = (next: RoomNotify) => {
    onError(undefined);
    setChosen(next);
    call('chat.setNotify', { accountId, peer, notify: next }).catch((cause: unknown) => onError(messageOf(cause)));
  };
  return (
    <span className="room-notify">
      <label htmlFor={id}>{t('roomNotify.label')}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const next = RoomNotifySchema.options.find((option) => option === event.target.value);
          if (next) choose(next);
        }}
      >
        {RoomNotifySchema.options.map((option) => (
          <option key={option} value={option}>
            {words[option]}
          </option>
        ))}
      </select>
    </span>
  );
}
