// "Add contact": an address, an optional name and group; Causette adds it and asks to see their presence.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Modal } from '../../components/Modal.tsx';
import { selectAccountRoster, selectGroupNames, useRoster } from '../../stores/roster.ts';
import { checkNewContact } from './add-contact.ts';

interface AddContactDialogProps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly onClose: () => void;
}

export function AddContactDialog({ accountId, ownJid, onClose }: AddContactDialogProps) {
  const id = useId();
  const { t } = useTranslation();
  const roster = useRoster((state) => selectAccountRoster(state, accountId));
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [invalid, setInvalid] = useState(false);
  const addressRef = useRef<HTMLInputElement>(null);
  const groups = selectGroupNames(roster);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkNewContact(address, name, group, ownJid, new Set(roster?.contacts.keys()));
    if (!checked.ok) {
      // A name without its server is completed with the user's own, to confirm with Add.
      if (checked.suggestion !== undefined) setAddress(checked.suggestion);
      setInvalid(checked.suggestion === undefined);
      setError(checked.message);
      addressRef.current?.focus();
      return;
    }
    setInvalid(false);
    setBusy(true);
    setError(undefined);
    try {
      await call('roster.add', { accountId, ...checked.value });
      onClose();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <Modal titleId={`${id}-title`} describedBy={`${id}-intro`} onCancel={onClose} initialFocus={addressRef}>
      <h2 id={`${id}-title`}>{t('addContact.title')}</h2>
      <p id={`${id}-intro`} className="hint">
        {t('addContact.intro')}
      </p>
      <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-address`}>{t('addContact.address')}</label>
          <input
            id={`${id}-address`}
            ref={addressRef}
            type="text"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder={t('signIn.addressPlaceholder')}
            required
            aria-invalid={invalid}
            value={address}
            disabled={busy}
            onChange={(event) => setAddress(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('addContact.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="off"
            placeholder={t('addContact.optional')}
            value={name}
            disabled={busy}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-group`}>{t('addContact.group')}</label>
          <input
            id={`${id}-group`}
            type="text"
            autoComplete="off"
            placeholder={t('addContact.optional')}
            list={`${id}-groups`}
            value={group}
            disabled={busy}
            onChange={(event) => setGroup(event.target.value)}
          />
          <datalist id={`${id}-groups`}>
            {groups.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
        </div>
        {error !== undefined && <Alert>{error}</Alert>}
        <div className="actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('addContact.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
