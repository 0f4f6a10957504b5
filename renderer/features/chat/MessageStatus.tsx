// Our message's delivery state as a mark with a name: pending, sent (XEP-0198 ack), delivered (XEP-0184), read (XEP-0333), failed.
import { useTranslation } from 'react-i18next';
import type { MessageState } from '../../../shared/model/message.ts';

type OwnState = Exclude<MessageState, 'received'>;

const glyphs: Readonly<Record<OwnState, string>> = { pending: '🕓︎', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

export function MessageStatus({ state }: { readonly state: MessageState }) {
  const { t } = useTranslation();
  if (state === 'received') return null;
  const labels: Readonly<Record<OwnState, string>> = {
    pending: t('state.pending'),
    sent: t('state.sent'),
    delivered: t('state.delivered'),
    read: t('state.read'),
    failed: t('state.failed'),
  };
  const label = labels[state];
  const glyph = glyphs[state];
  return (
    <span role="img" aria-label={label} title={label} className={`message-state ${state}`}>
      <span aria-hidden="true">{glyph}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
