// The chat header's end-to-end encryption switch (OMEMO, XEP-0384): on by default when the contact has OMEMO devices; with
// it on, a message that cannot be encrypted fails instead of going out in the clear.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncryptionState } from '../../../shared/model/encryption.ts';
import { call, listen, messageOf } from '../../api.ts';
import { LockIcon } from './LockIcon.tsx';

interface EncryptionToggleProps {
  readonly accountId: string;
  readonly peer: string;
  readonly onError: (message: string) => void;
}

export function EncryptionToggle({ accountId, peer, onError }: EncryptionToggleProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<EncryptionState | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setState(undefined);
    const stop = listen('omemo.encryption', (event) => {
      if (event.accountId === accountId && event.state.peer === peer) setState(event.state);
    });
    call('omemo.encryption', { accountId, peer }).then(
      (answer) => live && setState((known) => known ?? answer),
      () => undefined,
    );
    return () => {
      live = false;
      stop();
    };
  }, [accountId, peer]);

  async function toggle(): Promise<void> {
    if (!state) return;
    setBusy(true);
    try {
      setState(await call('omemo.setEncryption', { accountId, peer, on: !state.on }));
    } catch (failure) {
      onError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const on = state?.on === true;
  const hint = on ? t('encryption.onHint') : state?.available === false ? t('encryption.unavailableHint') : t('chat.notEncryptedHint');
  return (
    <button type="button" className={`quiet encryption-toggle${on ? ' on' : ''}`} aria-pressed={on} disabled={!state || busy} title={hint} onClick={() => void toggle()}>
      <LockIcon locked={on} /> {t('encryption.toggle')}
    </button>
  );
}
