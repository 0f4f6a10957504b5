// The files on their way in this conversation: each with its name, a progress bar and Cancel; a file offered to us
// (Jingle, XEP-0234) with Accept and Decline; one that failed says why, with Try again where it can, until dismissed.
// A file sent by upload leaves the list once its message takes its place.
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { Alert } from '../../components/Alert.tsx';
import { errorText } from '../../i18n/errors.ts';
import { conversationKey, isOffer, selectConversationTransfers, useTransfers } from '../../stores/transfers.ts';
import { byteSize } from '../../../shared/i18n/byte-size.ts';
import { TransferActions, TransferProgress } from './TransferControls.tsx';
import { TransferLock } from './TransferLock.tsx';
import { percentOf } from './transfer-words.ts';
import { WithheldNote } from './WithheldNote.tsx';

export function ConversationTransfers({ accountId, peer, peerName }: { readonly accountId: string; readonly peer: string; readonly peerName: string }) {
  const { t } = useTranslation();
  // Kept in the slice: a drop on this conversation in the list starts before this view is shown.
  const problem = useTransfers((state) => state.problems[conversationKey(accountId, peer)]);
  const setProblem = (next: string | undefined) => useTransfers.getState().setProblem(accountId, peer, next);
  // A new list each time the slice changes: compared item by item, or every event would render again for nothing.
  const transfers = useTransfers(useShallow((state) => selectConversationTransfers(state, accountId, peer)));
  if (transfers.length === 0 && problem === undefined) return null;
  return (
    <>
      {problem !== undefined && (
        <Alert>
          <p>{problem}</p>
        </Alert>
      )}
      <ul className="transfers" aria-label={t('transfers.label')}>
        {transfers.map((transfer) => (
          <TransferRow key={transfer.id} transfer={transfer} peerName={peerName} onError={setProblem} />
        ))}
      </ul>
    </>
  );
}

function TransferRow({ transfer, peerName, onError }: { readonly transfer: Transfer; readonly peerName: string; readonly onError: (problem: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const size = byteSize(transfer.size, i18n.language);
  if (transfer.state === 'failed') {
    return (
      <li className="transfer failed">
        <p role="alert" className="transfer-failure">
          <span className="transfer-name">{transfer.name}</span>{' '}
          <span className="transfer-state">
            {transfer.direction === 'in'
              ? t('transfers.failedIn', { reason: transfer.error ? errorText(transfer.error) : t('transfers.unknown') })
              : t('transfers.failed', { reason: transfer.error ? errorText(transfer.error) : t('transfers.unknown') })}
          </span>
        </p>
        <TransferActions transfer={transfer} onError={onError} />
        <button type="button" className="quiet" onClick={() => useTransfers.getState().dismiss(transfer.id)}>
          {t('transfers.dismiss')}
        </button>
      </li>
    );
  }
  const privacy = <WithheldNote transfer={transfer} peerName={peerName} onError={onError} />;
  if (isOffer(transfer)) {
    return (
      <li className="transfer offer">
        <p className="transfer-offer">
          {t('transfers.offer', { name: peerName, file: transfer.name, size })} <TransferLock transfer={transfer} />
        </p>
        {privacy}
        <TransferActions transfer={transfer} onError={onError} />
      </li>
    );
  }
  const percent = percentOf(transfer);
  return (
    <li className="transfer">
      <span className="transfer-name">{transfer.name}</span>
      <span className="transfer-size">{size}</span>
      <TransferLock transfer={transfer} />
      <TransferProgress transfer={transfer} />
      <span className="transfer-state" aria-hidden="true">
        {transfer.state === 'pending' ? t('transfers.state.waiting') : t('transfers.percent', { percent })}
      </span>
      <TransferActions transfer={transfer} onError={onError} />
      {privacy}
    </li>
  );
}
