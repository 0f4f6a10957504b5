// Why a transfer in the conversation does not go directly (XEP-0260 §6.1: our address kept from the peer), and, when the
// peer is no mutual contact, the way to allow direct connections with them for the next files.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { call, messageOf } from '../../api.ts';
import { withheldText } from './transfer-words.ts';

export function WithheldNote({ transfer, peerName, onError }: { readonly transfer: Transfer; readonly peerName: string; readonly onError: (problem: string | undefined) => void }) {
  const { t } = useTranslation();
  const [allowed, setAllowed] = useState(false);
  const [busy, setBusy] = useState(false);
  const text = withheldText(transfer, peerName, t);
  if (text === undefined) return null;
  function allow() {
    onError(undefined);
    setBusy(true);
    call('transfer.allowDirect', { accountId: transfer.accountId, peer: transfer.peer, allowed: true })
      .then(setAllowed)
      .catch((failure: unknown) => onError(messageOf(failure)))
      .finally(() => setBusy(false));
  }
  return (
    <p className="transfer-privacy">
      {allowed ? t('transfers.allowedDirect', { name: peerName }) : text}
      {transfer.directWithheld === 'notMutual' && !allowed && (
        <>
          {' '}
          <button type="button" className="quiet" disabled={busy} onClick={allow}>
            {t('contact.allowDirect', { name: peerName })}
          </button>
        </>
      )}
    </p>
  );
}
