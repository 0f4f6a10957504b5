// "Destroy room" (XEP-0045 §10.9): asked once more, with the reason the occupants are told and, optionally, the room
// they are asked to go to instead; the room's refusal shown in words.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseJid } from '../../../shared/model/jid.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { Modal } from '../../components/Modal.tsx';

interface DestroyRoomDialogProps {
  readonly accountId: string;
  readonly room: string;
  readonly name: string;
  readonly onClose: () => void;
}

/** An alternate venue is a room: room@service, no resource (§10.9). */
const isRoomAddress = (text: string) => {
  const parsed = parseJid(text);
  return parsed.ok && parsed.jid.local !== undefined && parsed.jid.resource === undefined;
};

export function DestroyRoomDialog({ accountId, room, name, onClose }: DestroyRoomDialogProps) {
  const id = useId();
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [alternate, setAlternate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [badAlternate, setBadAlternate] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const alternateRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const venue = alternate.trim();
    if (venue !== '' && !isRoomAddress(venue)) {
      setBadAlternate(true);
      alternateRef.current?.focus();
      return;
    }
    setBadAlternate(false);
    setBusy(true);
    setError(undefined);
    try {
      await call('muc.destroy', { accountId, room, ...(reason.trim() === '' ? {} : { reason: reason.trim() }), ...(venue === '' ? {} : { alternate: venue }) });
      onClose();
    } catch (cause) {
      setError(messageOf(cause));
      setBusy(false);
    }
  }

  return (
    // The safe answer has the focus, as for every destructive question.
    <Modal titleId={`${id}-title`} describedBy={`${id}-question`} onCancel={onClose} initialFocus={keepRef}>
      <h2 id={`${id}-title`}>{t('destroyRoom.title', { name })}</h2>
      <p id={`${id}-question`}>{t('destroyRoom.question')}</p>
      <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('destroyRoom.reason')}</label>
          <input id={`${id}-reason`} type="text" autoComplete="off" value={reason} disabled={busy} onChange={(event) => setReason(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-alternate`}>{t('destroyRoom.alternate')}</label>
          <input
            id={`${id}-alternate`}
            ref={alternateRef}
            type="text"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder={t('joinRoom.addressPlaceholder')}
            value={alternate}
            disabled={busy}
            aria-invalid={badAlternate}
            aria-describedby={badAlternate ? `${id}-alternate-error` : `${id}-alternate-hint`}
            onChange={(event) => setAlternate(event.target.value)}
          />
          {badAlternate ? (
            <p id={`${id}-alternate-error`} className="field-error">
              {t('destroyRoom.badAlternate')}
            </p>
          ) : (
            <p id={`${id}-alternate-hint`} className="hint">
              {t('destroyRoom.alternateHint')}
            </p>
          )}
        </div>
        {error !== undefined && (
          <Alert>
            <p>{error}</p>
          </Alert>
        )}
        {busy && (
          <p role="status" className="progress working">
            {t('destroyRoom.destroying')}
          </p>
        )}
        <FormActions cancelLabel={t('destroyRoom.keep')} onCancel={onClose} submitLabel={t('destroyRoom.confirm')} busy={busy} tone="danger" cancelRef={keepRef} />
      </form>
    </Modal>
  );
}
