// "Invite to the room": contacts chosen from the roster (filtered by a search) and any other addresses, with an optional
// message. The core picks the kind: mediated through a members-only room (which makes them members), direct otherwise.
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseJid } from '../../../shared/model/jid.ts';
import type { Occupant, Room } from '../../../shared/model/room.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { Modal } from '../../components/Modal.tsx';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { displayName } from '../presence/labels.ts';

interface InviteDialogProps {
  readonly accountId: string;
  readonly room: Room;
  readonly name: string;
  readonly occupants: readonly Occupant[];
  readonly onClose: () => void;
}

/** The typed addresses, split on commas and white space; the ones that are no JID come back apart. */
function typedAddresses(text: string): { readonly valid: string[]; readonly invalid: string[] } {
  const words = text.split(/[\s,;]+/u).filter((word) => word !== '');
  const valid = words.filter((word) => parseJid(word).ok && word.includes('@'));
  return { valid, invalid: words.filter((word) => !valid.includes(word)) };
}

export function InviteDialog({ accountId, room, name, occupants, onClose }: InviteDialogProps) {
  const id = useId();
  const { t } = useTranslation();
  const contacts = useRoster((state) => selectAccountRoster(state, accountId)?.contacts);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [others, setOthers] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<number>();
  const searchRef = useRef<HTMLInputElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  // Who is in the room already (when the room shows real JIDs) needs no invitation.
  const inside = useMemo(() => new Set(occupants.flatMap((occupant) => (occupant.jid === undefined ? [] : [occupant.jid.split('/')[0]?.toLowerCase() ?? '']))), [occupants]);
  const candidates = useMemo(() => {
    const wanted = query.trim().toLowerCase();
    return [...(contacts?.values() ?? [])]
      .filter((contact) => !inside.has(contact.jid))
      .filter((contact) => wanted === '' || contact.jid.includes(wanted) || displayName(contact).toLowerCase().includes(wanted))
      .sort((a, b) => displayName(a).localeCompare(displayName(b)));
  }, [contacts, inside, query]);
  const typed = typedAddresses(others);
  const jids = [...new Set([...chosen, ...typed.valid])];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (typed.invalid.length > 0) return setError(t('invite.invalid', { addresses: typed.invalid.join(', ') }));
    setBusy(true);
    setError(undefined);
    try {
      await call('muc.invite', { accountId, room: room.jid, jids, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) });
      setSent(jids.length);
      requestAnimationFrame(() => closeRef.current?.focus());
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (jid: string, on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      if (on) next.add(jid);
      else next.delete(jid);
      return next;
    });

  return (
    <Modal titleId={`${id}-title`} describedBy={`${id}-intro`} onCancel={onClose} initialFocus={searchRef} className="invite-dialog">
      <h2 id={`${id}-title`}>{t('invite.title', { name })}</h2>
      <p id={`${id}-intro`} className="hint">
        {room.features.membersOnly ? t('invite.membersOnly') : room.features.passwordProtected ? t('invite.withPassword') : t('invite.openRoom')}
      </p>
      {sent !== undefined ? (
        <>
          <p role="status">{t('invite.sent', { count: sent })}</p>
          <div className="actions">
            <button ref={closeRef} type="button" className="primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </>
      ) : (
        <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
          <fieldset className="invite-contacts">
            <legend>{t('invite.contacts')}</legend>
            <label htmlFor={`${id}-search`} className="visually-hidden">
              {t('invite.search')}
            </label>
            <input
              id={`${id}-search`}
              ref={searchRef}
              type="search"
              placeholder={t('invite.search')}
              autoComplete="off"
              spellCheck={false}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
            {candidates.length === 0 ? (
              <p className="hint">{!contacts?.size ? t('invite.noContacts') : query.trim() === '' ? t('invite.allInside') : t('invite.noMatch')}</p>
            ) : (
              <ul className="invite-candidates">
                {candidates.map((contact) => (
                  <li key={contact.jid} className="field check">
                    <input id={`${id}-${contact.jid}`} type="checkbox" checked={chosen.has(contact.jid)} disabled={busy} onChange={(event) => toggle(contact.jid, event.target.checked)} />
                    <label htmlFor={`${id}-${contact.jid}`}>
                      {displayName(contact)}
                      {displayName(contact) !== contact.jid && <span className="jid"> {contact.jid}</span>}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-others`}>{t('invite.others')}</label>
            <input
              id={`${id}-others`}
              type="text"
              inputMode="email"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              placeholder={t('invite.othersPlaceholder')}
              value={others}
              disabled={busy}
              aria-invalid={typed.invalid.length > 0 && error !== undefined}
              onChange={(event) => setOthers(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('invite.reason')}</label>
            <input id={`${id}-reason`} type="text" maxLength={1024} value={reason} disabled={busy} onChange={(event) => setReason(event.target.value)} />
          </div>
          {error !== undefined && (
            <Alert>
              <p>{error}</p>
            </Alert>
          )}
          {busy && (
            <p role="status" className="progress working">
              {t('invite.sending')}
            </p>
          )}
          <FormActions cancelLabel={t('common.cancel')} onCancel={onClose} submitLabel={t('invite.submit', { count: jids.length })} busy={busy} incomplete={jids.length === 0} />
        </form>
      )}
    </Modal>
  );
}
