// Voice in a moderated room (XEP-0045 §7.13, §8.6): as a visitor, a bar to ask the moderators for voice; as a moderator,
// one line per visitor who asked, to give voice or decline. A request is shown only while its visitor is still one; the
// view is keyed by our role, so a visitor again may ask again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Occupant, Room } from '../../../shared/model/room.ts';
import { mayRequestVoice } from '../../../shared/model/room-privileges.ts';
import { call, messageOf } from '../../api.ts';
import { selectVoiceRequests, useVoiceRequests } from '../../stores/voice-requests.ts';

interface VoiceBarsProps {
  readonly accountId: string;
  readonly room: Room;
  readonly occupants: readonly Occupant[];
  readonly onError: (error: string | undefined) => void;
}

export function VoiceBars({ accountId, room, occupants, onError }: VoiceBarsProps) {
  const { t } = useTranslation();
  const requests = useVoiceRequests((state) => selectVoiceRequests(state, accountId));
  const [asked, setAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  const visitors = new Set(occupants.filter((occupant) => occupant.role === 'visitor').map((occupant) => occupant.nick));
  const waiting = room.role === 'moderator' ? requests.filter((request) => request.room === room.jid && visitors.has(request.nick)) : [];

  const run = (request: Promise<unknown>, done: () => void) => {
    setBusy(true);
    onError(undefined);
    request.then(
      () => {
        setBusy(false);
        done();
      },
      (cause: unknown) => {
        setBusy(false);
        onError(messageOf(cause));
      },
    );
  };
  const answer = (nick: string, allow: boolean) =>
    run(call('muc.answerVoiceRequest', { accountId, room: room.jid, nick, allow }), () => useVoiceRequests.getState().answered(accountId, room.jid, nick));

  return (
    <>
      {mayRequestVoice(room) && (
        <div className="voice-bar">
          <p>{asked ? t('moderation.voiceAsked') : t('moderation.visitorHint')}</p>
          {!asked && (
            <button type="button" disabled={busy} onClick={() => run(call('muc.requestVoice', { accountId, room: room.jid }), () => setAsked(true))}>
              {t('moderation.requestVoice')}
            </button>
          )}
        </div>
      )}
      {waiting.map((request) => (
        <div key={request.nick} className="voice-bar" role="group" aria-label={t('moderation.voiceRequestFrom', { nick: request.nick })}>
          <p>{t('moderation.voiceRequestFrom', { nick: request.nick })}</p>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => answer(request.nick, false)}>
              {t('moderation.declineVoice')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => answer(request.nick, true)}>
              {t('moderation.grantVoice')}
            </button>
          </div>
        </div>
      ))}
    </>
  );
}
