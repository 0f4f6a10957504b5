// The transfers panel: every transfer of this run (Jingle and HTTP, sent and received), the newest first, with its peer,
// file, size, progress, speed, time left, method and state, and the actions its state allows.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { Alert } from '../../components/Alert.tsx';
import { Modal } from '../../components/Modal.tsx';
import { errorText } from '../../i18n/errors.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { selectAllTransfers, useTransfers } from '../../stores/transfers.ts';
import { displayName } from '../presence/labels.ts';
import { byteSize } from '../../../shared/i18n/byte-size.ts';
import { secondsLeft, speedOf } from './rate.ts';
import { TransferActions, TransferProgress } from './TransferControls.tsx';
import { TransferLock } from './TransferLock.tsx';
import { methodText, percentOf, speedText, stateText, timeLeftText, withheldText } from './transfer-words.ts';

export function TransfersPanel({ onClose }: { readonly onClose: () => void }) {
  const id = useId();
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string>();
  const transfers = useTransfers(useShallow(selectAllTransfers));
  return (
    <Modal titleId={`${id}-title`} onCancel={onClose} className="transfers-panel">
      <div className="dialog-head">
        <h2 id={`${id}-title`}>{t('transfers.panelTitle')}</h2>
        <button type="button" className="quiet" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {problem !== undefined && (
        <Alert>
          <p>{problem}</p>
        </Alert>
      )}
      {transfers.length === 0 ? (
        <p className="hint">{t('transfers.none')}</p>
      ) : (
        <ul className="transfer-entries" aria-label={t('transfers.panelList')}>
          {transfers.map((transfer) => (
            <TransferEntry key={transfer.id} transfer={transfer} onError={setProblem} />
          ))}
        </ul>
      )}
    </Modal>
  );
}

function TransferEntry({ transfer, onError }: { readonly transfer: Transfer; readonly onError: (problem: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const samples = useTransfers((state) => state.samples[transfer.id]);
  // A contact by the name the user gave them; anyone else (a room, a stranger) by their address.
  const contact = useRoster((state) => selectAccountRoster(state, transfer.accountId)?.contacts.get(transfer.peer));
  const peer = contact ? displayName(contact) : transfer.peer;
  const running = transfer.state === 'active';
  const speed = running && samples ? speedOf(samples) : undefined;
  const facts = [
    `${byteSize(transfer.done, language)} / ${byteSize(transfer.size, language)}`,
    running ? speedText(speed, t, language) : undefined,
    running ? timeLeftText(secondsLeft(transfer.size, transfer.done, speed), t, language) : undefined,
    methodText(transfer.method, t),
  ].filter((fact) => fact !== undefined);
  const withheld = withheldText(transfer, peer, t);
  return (
    <li className={`transfer-entry ${transfer.state}`}>
      <div className="transfer-entry-head">
        <span className="transfer-direction">{transfer.direction === 'in' ? t('transfers.from', { peer }) : t('transfers.to', { peer })}</span>
        <span className="transfer-name">{transfer.name}</span>
        <TransferLock transfer={transfer} />
      </div>
      <div className="transfer-entry-progress">
        <TransferProgress transfer={transfer} />
        <span className="transfer-percent">{t('transfers.percent', { percent: percentOf(transfer) })}</span>
      </div>
      <p className="transfer-facts">{facts.join(' · ')}</p>
      {withheld !== undefined && <p className="transfer-privacy">{withheld}</p>}
      <p className="transfer-entry-state">
        {stateText(transfer, t)}
        {(transfer.state === 'failed' || transfer.state === 'cancelled') && transfer.error ? ` — ${errorText(transfer.error)}` : ''}
      </p>
      <TransferActions transfer={transfer} onError={onError} />
    </li>
  );
}
