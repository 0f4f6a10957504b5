// The chat and room headers' end-to-end encryption switch (OMEMO, XEP-0384): on by default when the contact has OMEMO devices,
// or in a room that can be encrypted in; with it on, a message that cannot be encrypted fails instead of going out in the clear.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api.ts';
import { LockIcon } from './LockIcon.tsx';
import { useEncryption } from './use-encryption.ts';

interface EncryptionToggleProps {
  readonly accountId: string;
  readonly peer: string;
  readonly onError: (message: string) => void;
  /** A room's switch: its hints speak of members, and it cannot be turned on where the room does not allow it. */
  readonly room?: boolean;
  /** The id of what explains why it cannot be turned on. */
  readonly describedBy?: string;
}

export function EncryptionToggle({ accountId, peer, onError, room = false, describedBy }: EncryptionToggleProps) {
  const { t } = useTranslation();
  const [state, setState] = useEncryption(accountId, peer);
  const [busy, setBusy] = useState(false);

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
  const offHint = state?.available === false ? (room ? t('encryption.roomUnavailableHint') : t('encryption.unavailableHint')) : t('chat.notEncryptedHint');
  const hint = on ? (room ? t('encryption.roomOnHint') : t('encryption.onHint')) : offHint;
  const blocked = room && state?.available === false && !on;
  return (
    <button
      type="button"
      className={`quiet encryption-toggle${on ? ' on' : ''}`}
      aria-pressed={on}
      aria-describedby={state?.reason === undefined ? undefined : describedBy}
      disabled={!state || busy || blocked}
      title={hint}
      onClick={() => void toggle()}
    >
      <LockIcon locked={on} /> {t('encryption.toggle')}
    </button>
  );
}
