// Renaming a contact and choosing its groups (RFC 6121 §2.4: a roster set with the whole item).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/model/contact.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { parseGroups } from './contact-rows.ts';

type Mode = 'none' | 'rename' | 'groups';

interface EditContactProps {
  readonly accountId: string;
  readonly contact: Contact;
  readonly groupNames: readonly string[];
}

export function EditContact({ accountId, contact, groupNames }: EditContactProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('none');
  const last = useRef<Mode>('none');
  const renameRef = useRef<HTMLButtonElement>(null);
  const groupsRef = useRef<HTMLButtonElement>(null);
  const done = () => setMode('none');

  // Back from a form: focus returns to the button that opened it.
  useEffect(() => {
    if (mode === 'none') (last.current === 'rename' ? renameRef : last.current === 'groups' ? groupsRef : undefined)?.current?.focus();
    last.current = mode;
  }, [mode]);

  return (
    <div className="stack">
      {mode === 'none' && (
        <div className="actions start">
          <button type="button" ref={renameRef} onClick={() => setMode('rename')}>
            {t('edit.rename')}
          </button>
          <button type="button" ref={groupsRef} onClick={() => setMode('groups')}>
            {t('edit.groups')}
          </button>
        </div>
      )}
      {mode === 'rename' && (
        <EditForm
          label={t('contact.name')}
          initial={contact.name ?? ''}
          hint={t('edit.nameHint')}
          onDone={done}
          save={(text) => {
            const name = text.trim();
            return call('roster.update', { accountId, jid: contact.jid, ...(name === '' ? {} : { name }), groups: contact.groups });
          }}
        />
      )}
      {mode === 'groups' && (
        <EditForm
          label={t('contact.groups')}
          initial={contact.groups.join(', ')}
          hint={groupNames.length > 0 ? t('edit.groupsHintExisting', { groups: groupNames.join(', ') }) : t('edit.groupsHint')}
          onDone={done}
          save={(text) => {
            const name = contact.name === undefined ? {} : { name: contact.name };
            return call('roster.update', { accountId, jid: contact.jid, ...name, groups: parseGroups(text) });
          }}
        />
      )}
    </div>
  );
}

interface EditFormProps {
  readonly label: string;
  readonly initial: string;
  readonly hint: string;
  readonly save: (text: string) => Promise<unknown>;
  readonly onDone: () => void;
}

function EditForm({ label, initial, hint, save, onDone }: EditFormProps) {
  const id = useId();
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await save(text);
      onDone();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <form className="stack edit-contact" onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor={`${id}-input`}>{label}</label>
        <input
          id={`${id}-input`}
          ref={inputRef}
          type="text"
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          value={text}
          disabled={busy}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              onDone();
            }
          }}
        />
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
      <div className="actions start">
        <button type="submit" className="primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
