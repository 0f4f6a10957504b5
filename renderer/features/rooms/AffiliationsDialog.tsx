// A room's lists of users by affiliation (XEP-0045 §9.2 ban list, §9.5 member list, §10.5 owner list, §10.8 admin list):
// chosen in a select, read from the room, a user added by address or taken off; only the lists our affiliation edits.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AffiliatedUser, Affiliation } from '../../../shared/model/room.ts';
import { mayEditList } from '../../../shared/model/room-privileges.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { Modal } from '../../components/Modal.tsx';

type List = 'owner' | 'admin' | 'member' | 'outcast';
const lists: readonly List[] = ['member', 'outcast', 'admin', 'owner'];

interface AffiliationsDialogProps {
  readonly accountId: string;
  readonly room: string;
  readonly own: Affiliation;
  readonly onClose: () => void;
}

export function AffiliationsDialog({ accountId, room, own, onClose }: AffiliationsDialogProps) {
  const id = useId();
  const { t } = useTranslation();
  const offered = lists.filter((list) => mayEditList(own, list));
  const [list, setList] = useState<List>(offered[0] ?? 'member');
  const [users, setUsers] = useState<readonly AffiliatedUser[]>();
  const [jid, setJid] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const selectRef = useRef<HTMLSelectElement>(null);
  const names: Readonly<Record<List, string>> = {
    member: t('moderation.listMember'),
    outcast: t('moderation.listOutcast'),
    admin: t('moderation.listAdmin'),
    owner: t('moderation.listOwner'),
  };

  const load = useCallback(
    (which: List) => {
      setUsers(undefined);
      return call('muc.affiliations', { accountId, room, affiliation: which }).then(
        (found) => setUsers(found),
        (failure: unknown) => {
          setUsers([]);
          setError(messageOf(failure));
        },
      );
    },
    [accountId, room],
  );
  useEffect(() => {
    void load(list);
  }, [load, list]);

  /** The room's answer decides: the list is read again after each change. */
  async function change(user: string, affiliation: Affiliation, why?: string): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await call('muc.setAffiliation', { accountId, room, jid: user, affiliation, ...(why === undefined || why === '' ? {} : { reason: why }) });
      await load(list);
      return true;
    } catch (failure) {
      setError(messageOf(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (jid.trim() === '') return;
    if (await change(jid.trim(), list, reason.trim())) {
      setJid('');
      setReason('');
    }
  }

  return (
    <Modal titleId={`${id}-title`} onCancel={onClose} initialFocus={selectRef} className="affiliations-dialog">
      <h2 id={`${id}-title`}>{t('moderation.listsTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-list`}>{t('moderation.list')}</label>
        <select
          id={`${id}-list`}
          ref={selectRef}
          value={list}
          onChange={(event) => {
            setError(undefined);
            setList(event.target.value as List);
          }}
        >
          {offered.map((each) => (
            <option key={each} value={each}>
              {names[each]}
            </option>
          ))}
        </select>
      </div>
      <section aria-labelledby={`${id}-users`} aria-busy={users === undefined}>
        <h3 id={`${id}-users`}>{names[list]}</h3>
        {users === undefined && <p className="hint">{t('moderation.loading')}</p>}
        {users?.length === 0 && <p className="hint">{t('moderation.emptyList')}</p>}
        {users !== undefined && users.length > 0 && (
          <ul className="affiliation-list">
            {users.map((user) => (
              <li key={user.jid}>
                <span className="affiliation-jid">{user.jid}</span>
                {user.nick !== undefined && <span className="affiliation-detail">{user.nick}</span>}
                {user.reason !== undefined && <span className="affiliation-detail">{user.reason}</span>}
                <button type="button" className="quiet danger-quiet" disabled={busy} aria-label={t('moderation.removeFromList', { jid: user.jid })} onClick={() => void change(user.jid, 'none')}>
                  {t('moderation.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form className="stack" noValidate onSubmit={(event) => void add(event)}>
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={`${id}-jid`}>{t('moderation.addressLabel')}</label>
            <input id={`${id}-jid`} type="text" inputMode="email" autoComplete="off" spellCheck={false} value={jid} disabled={busy} onChange={(event) => setJid(event.target.value)} />
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-reason`}>{t('room.reason')}</label>
            <input id={`${id}-reason`} type="text" autoComplete="off" value={reason} disabled={busy} onChange={(event) => setReason(event.target.value)} />
          </div>
        </div>
        {error !== undefined && (
          <Alert>
            <p>{error}</p>
          </Alert>
        )}
        <FormActions cancelLabel={t('common.close')} onCancel={onClose} submitLabel={t('moderation.add')} busy={busy} incomplete={jid.trim() === ''} cancelWhileBusy />
      </form>
    </Modal>
  );
}
