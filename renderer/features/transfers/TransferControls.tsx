// What every transfer row shows, in a conversation or in the transfers panel: its progress bar, and the actions its state
// allows (accept or decline an offer, save it to a chosen folder, cancel, resume an interrupted one, try again; in the desktop
// app, open a received file or show it in its folder; in the browser mode, save a copy of it).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { call, isDesktop, messageOf, saveCopy } from '../../api.ts';
import { isOffer } from '../../stores/transfers.ts';
import { mayRetry, retry } from './send-files.ts';
import { percentOf } from './transfer-words.ts';

export function TransferProgress({ transfer }: { readonly transfer: Transfer }) {
  const { t } = useTranslation();
  const percent = percentOf(transfer);
  const label = transfer.direction === 'in' ? t('transfers.progressIn', { name: transfer.name }) : t('transfers.progress', { name: transfer.name });
  return (
    <progress
      max={100}
      value={percent}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={t('transfers.percent', { percent })}
    />
  );
}

export function TransferActions({ transfer, onError }: { readonly transfer: Transfer; readonly onError: (problem: string | undefined) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<unknown>) => {
    onError(undefined);
    setBusy(true);
    action()
      .catch((failure: unknown) => onError(`${transfer.name}: ${messageOf(failure)}`))
      .finally(() => setBusy(false));
  };
  const name = transfer.name;
  if (isOffer(transfer)) {
    return (
      <span className="transfer-actions">
        <button type="button" disabled={busy} aria-label={t('transfers.acceptLabel', { name })} onClick={() => run(() => call('transfer.accept', { id: transfer.id }))}>
          {t('transfers.accept')}
        </button>
        {/* Only the desktop app can ask for a folder; the browser mode saves in its downloads folder. */}
        {isDesktop() && (
          <button type="button" className="quiet" disabled={busy} aria-label={t('transfers.saveToLabel', { name })} onClick={() => run(() => call('transfer.acceptInto', { id: transfer.id }))}>
            {t('transfers.saveTo')}
          </button>
        )}
        <button type="button" className="quiet" disabled={busy} aria-label={t('transfers.declineLabel', { name })} onClick={() => run(() => call('transfer.decline', { id: transfer.id }))}>
          {t('transfers.decline')}
        </button>
      </span>
    );
  }
  if (transfer.state === 'pending' || transfer.state === 'active') {
    return (
      <span className="transfer-actions">
        <button
          type="button"
          className="quiet"
          aria-label={transfer.direction === 'in' ? t('transfers.cancelInLabel', { name }) : t('transfers.cancelLabel', { name })}
          onClick={() => run(() => call('transfer.cancel', { id: transfer.id }))}
        >
          {t('transfers.cancel')}
        </button>
      </span>
    );
  }
  if (transfer.direction === 'in' && transfer.state === 'done' && isDesktop()) {
    return (
      <span className="transfer-actions">
        <button type="button" className="quiet" aria-label={t('transfers.openFileLabel', { name })} onClick={() => run(() => call('transfer.open', { id: transfer.id, reveal: false }))}>
          {t('transfers.openFile')}
        </button>
        <button type="button" className="quiet" aria-label={t('transfers.revealLabel', { name })} onClick={() => run(() => call('transfer.open', { id: transfer.id, reveal: true }))}>
          {t('transfers.reveal')}
        </button>
      </span>
    );
  }
  if (transfer.direction === 'in' && transfer.state === 'done') {
    // Browser mode: the file is on the host's disk; a copy comes down through the browser's downloads.
    return (
      <span className="transfer-actions">
        <button type="button" className="quiet" disabled={busy} aria-label={t('transfers.saveCopyLabel', { name })} onClick={() => run(() => saveCopy(transfer.id, name))}>
          {t('transfers.saveCopy')}
        </button>
      </span>
    );
  }
  // XEP-0234 §6.4: an interrupted Jingle transfer goes on from the bytes already there.
  if (transfer.resumable === true && transfer.state === 'failed') {
    return (
      <span className="transfer-actions">
        <button
          type="button"
          className="quiet"
          disabled={busy}
          aria-label={transfer.direction === 'in' ? t('transfers.resumeInLabel', { name }) : t('transfers.resumeLabel', { name })}
          onClick={() => run(() => call('transfer.resume', { id: transfer.id }))}
        >
          {t('transfers.resume')}
        </button>
        {/* It may go on by itself after a reconnection: cancelling gives it up, and the bytes received so far go. */}
        <button
          type="button"
          className="quiet"
          disabled={busy}
          aria-label={transfer.direction === 'in' ? t('transfers.cancelInLabel', { name }) : t('transfers.cancelLabel', { name })}
          onClick={() => run(() => call('transfer.cancel', { id: transfer.id }))}
        >
          {t('transfers.cancel')}
        </button>
      </span>
    );
  }
  if (mayRetry(transfer)) {
    return (
      <span className="transfer-actions">
        <button type="button" className="quiet" disabled={busy} aria-label={t('transfers.retryLabel', { name })} onClick={() => run(() => retry(transfer))}>
          {t('transfers.retry')}
        </button>
      </span>
    );
  }
  return null;
}
