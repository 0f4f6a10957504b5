// Invitations of ours that were declined (XEP-0045 §7.8.2): one line each in the room, with the reason given, until dismissed.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { selectDeclines, useDeclines } from '../../stores/declines.ts';

export function DeclineBars({ accountId, room }: { readonly accountId: string; readonly room: string }) {
  const { t } = useTranslation();
  const declines = useDeclines(useShallow((state) => selectDeclines(state, accountId).filter((each) => each.room === room)));
  return (
    <>
      {declines.map((decline) => (
        <div key={decline.from} className="voice-bar" role="status">
          <p>
            {t('invite.declinedBy', { jid: decline.from })}
            {decline.reason !== undefined && ` ${t('invite.declineReason', { reason: decline.reason })}`}
          </p>
          <button type="button" aria-label={t('invite.dismissDecline', { jid: decline.from })} onClick={() => useDeclines.getState().dismiss(accountId, decline)}>
            {t('common.dismiss')}
          </button>
        </div>
      ))}
    </>
  );
}
