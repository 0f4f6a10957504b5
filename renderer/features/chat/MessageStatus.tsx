// Our message's delivery state as a mark with a name: pending, sent (XEP-0198 ack), delivered (XEP-0184), read (XEP-0333), failed.
import type { MessageState } from '../../../shared/model/message.ts';

type OwnState = Exclude<MessageState, 'received'>;

const marks: Readonly<Record<OwnState, { readonly label: string; readonly glyph: string }>> = {
  pending: { label: 'Pending', glyph: '🕓︎' },
  sent: { label: 'Sent', glyph: '✓' },
  delivered: { label: 'Delivered', glyph: '✓✓' },
  read: { label: 'Read', glyph: '✓✓' },
  failed: { label: 'Failed', glyph: '!' },
};

export function MessageStatus({ state }: { readonly state: MessageState }) {
  if (state === 'received') return null;
  const { label, glyph } = marks[state];
  return (
    <span role="img" aria-label={label} title={label} className={`message-state ${state}`}>
      <span aria-hidden="true">{glyph}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
