// The files on their way to this conversation: each with its name, a progress bar and Cancel; one that failed says why,
// until dismissed. A sent file leaves the list: its message takes its place.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { call } from '../../api.ts';
import { errorText } from '../../i18n/errors.ts';
import { selectConversationTransfers, useTransfers } from '../../stores/transfers.ts';
import { byteSize } from './byte-size.ts';

export function ConversationTransfers({ accountId, peer }: { readonly accountId: string; readonly peer: string }) {
  const { t } = useTranslation();
  // A new list each time the slice changes: compared item by item, or every event would render again for nothing.
  const transfers = useTransfers(useShallow((state) => selectConversationTransfers(state, accountId, peer)));
  if (transfers.length === 0) return null;
  return (
    <ul className="transfers" aria-label={t('transfers.label')}>
      {transfers.map((transfer) => (
        <TransferRow key={transfer.id} transfer={transfer} />
      ))}
    </ul>
  );
}

function TransferRow({ transfer }: { readonly transfer: Transfer }) {
  const { t, i18n } = useTranslation();
  const percent = transfer.size === 0 ? 100 : Math.floor((transfer.done / transfer.size) * 100);
  const size = byteSize(transfer.size, i18n.language);
  if (transfer.state === 'failed') {
    return (
      <li className="transfer failed">
        <p role="alert" className="transfer-failure">
          <span className="transfer-name">{transfer.name}</span> <span className="transfer-state">{t('transfers.failed', { reason: transfer.error ? errorText(transfer.error) : t('transfers.unknown') })}</span>
        </p>
        <button type="button" className="quiet" onClick={() => useTransfers.getState().dismiss(transfer.id)}>
          {t('transfers.dismiss')}
        </button>
      </li>
    );
  }
  return (
    <li className="transfer">
      <span className="transfer-name">{transfer.name}</span>
      <span className="transfer-size">{size}</span>
      <progress max={100} value={percent} aria-label={t('transfers.progress', { name: transfer.name })} aria-valuetext={t('transfers.percent', { percent })} />
      <span className="transfer-state" aria-hidden="true">
        {t('transfers.percent', { percent })}
      </span>
      <button type="button" className="quiet" aria-label={t('transfers.cancelLabel', { name: transfer.name })} onClick={() => void call('transfer.cancel', { id: transfer.id }).catch(() => undefined)}>
        {t('transfers.cancel')}
      </button>
    </li>
  );
}
