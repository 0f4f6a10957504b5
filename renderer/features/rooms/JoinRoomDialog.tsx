// "Join group chat": a room's address (typed, or chosen from the service's rooms), our nickname there and the room's
// password if it has one (XEP-0045 §7.2); the room may be saved as a bookmark, to join at sign-in (XEP-0402).
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, CallError, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useRooms } from '../../stores/rooms.ts';
import { useUi } from '../../stores/ui.ts';
import type { DataForm } from '../../../shared/model/data-form.ts';
import { RoomBrowser } from './RoomBrowser.tsx';
import { RoomConfigDialog } from './RoomConfigDialog.tsx';

interface JoinRoomDialogProps {
  readonly accountId: string;
  readonly ownJid: string;
  /** An invitation's room and password, filled in (XEP-0249, XEP-0045 §7.8.2). */
  readonly initial?: { readonly address: string; readonly password?: string };
  readonly onClose: () => void;
}

/** Which field the core's refusal is about: the nickname (§7.2.9) or the password (§7.2.5), else neither. */
function fieldOf(failure: unknown): 'nick' | 'password' | undefined {
  if (!(failure instanceof CallError)) return undefined;
  const context = failure.params?.['context'];
  return context === 'nickInUse' ? 'nick' : context === 'roomPassword' ? 'password' : undefined;
}

export function JoinRoomDialog({ accountId, ownJid, initial, onClose }: JoinRoomDialogProps) {
  const id = useId();
  const { t } = useTranslation();
  const [address, setAddress] = useState(initial?.address ?? '');
  const [nick, setNick] = useState(() => ownJid.split('@')[0] ?? '');
  const [password, setPassword] = useState(initial?.password ?? '');
  const [save, setSave] = useState(false);
  const [autojoin, setAutojoin] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [invalid, setInvalid] = useState<'address' | 'nick' | 'password'>();
  /** §7.2.7: the room does not exist; we may create it (§10.1). */
  const [missing, setMissing] = useState(false);
  /** §10.1.3: a room created with custom settings, locked until its form is sent. */
  const [configuring, setConfiguring] = useState<{ readonly room: string; readonly form: DataForm }>();
  const addressRef = useRef<HTMLInputElement>(null);
  const nickRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  /** Joins, or creates the room with a preset (§10.1) once the service said it does not exist. */
  async function submit(event: FormEvent | undefined, create: 'public' | 'private' | 'custom' | undefined) {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    setInvalid(undefined);
    setMissing(false);
    try {
      const target = { accountId, room: address.trim(), nick: nick.trim() };
      const created = create ? await call('muc.create', { ...target, preset: create }) : undefined;
      const room = created ? created.room : await call('muc.join', { ...target, ...(password === '' ? {} : { password }) });
      useRooms.getState().room(accountId, room);
      if (save) {
        await call('muc.bookmark', {
          accountId,
          room: room.jid,
          nick: room.nick,
          autojoin,
          ...(room.name === undefined ? {} : { name: room.name }),
          ...(password === '' ? {} : { password }),
        });
      }
      if (created?.form) {
        setConfiguring({ room: room.jid, form: created.form });
        return;
      }
      onClose();
      useUi.getState().showChat(accountId, room.jid);
    } catch (failure) {
      const field = fieldOf(failure) ?? (failure instanceof CallError && failure.code === 'bad-request' ? 'address' : undefined);
      setError(messageOf(failure));
      setInvalid(field);
      setMissing(create === undefined && failure instanceof CallError && failure.code === 'not-found');
      setBusy(false);
      // The field to change gets the focus once it is enabled again.
      requestAnimationFrame(() => {
        const target = field === 'nick' ? nickRef : field === 'password' ? passwordRef : addressRef;
        target.current?.focus();
        target.current?.select();
      });
    }
  }

  if (configuring) {
    return (
      <RoomConfigDialog
        accountId={accountId}
        room={configuring.room}
        form={configuring.form}
        creating
        onClose={() => {
          onClose();
          useUi.getState().showChat(accountId, configuring.room);
        }}
      />
    );
  }

  const describedBy = (field: 'address' | 'nick' | 'password') => (invalid === field ? `${id}-error` : undefined);
  return (
    <Modal titleId={`${id}-title`} describedBy={`${id}-intro`} onCancel={onClose} initialFocus={initial ? nickRef : addressRef}>
      <h2 id={`${id}-title`}>{t('joinRoom.title')}</h2>
      <p id={`${id}-intro`} className="hint">
        {t('joinRoom.intro')}
      </p>
      <form className="stack" noValidate onSubmit={(event) => void submit(event, undefined)}>
        <div className="field">
          <label htmlFor={`${id}-address`}>{t('joinRoom.address')}</label>
          <input
            id={`${id}-address`}
            ref={addressRef}
            type="text"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder={t('joinRoom.addressPlaceholder')}
            required
            aria-invalid={invalid === 'address'}
            aria-describedby={describedBy('address')}
            value={address}
            disabled={busy}
            onChange={(event) => setAddress(event.target.value)}
          />
        </div>
        <RoomBrowser
          accountId={accountId}
          onChoose={(jid) => {
            setAddress(jid);
            nickRef.current?.focus();
          }}
        />
        <div className="field">
          <label htmlFor={`${id}-nick`}>{t('joinRoom.nick')}</label>
          <input
            id={`${id}-nick`}
            ref={nickRef}
            type="text"
            autoComplete="nickname"
            spellCheck={false}
            required
            aria-invalid={invalid === 'nick'}
            aria-describedby={describedBy('nick')}
            value={nick}
            disabled={busy}
            onChange={(event) => setNick(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('joinRoom.password')}</label>
          <input
            id={`${id}-password`}
            ref={passwordRef}
            type="password"
            autoComplete="off"
            aria-invalid={invalid === 'password'}
            aria-describedby={describedBy('password')}
            value={password}
            disabled={busy}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <div className="field check">
          <input id={`${id}-save`} type="checkbox" checked={save} disabled={busy} onChange={(event) => setSave(event.target.checked)} />
          <label htmlFor={`${id}-save`}>{t('bookmarks.save')}</label>
        </div>
        <div className="field check">
          <input id={`${id}-autojoin`} type="checkbox" checked={save && autojoin} disabled={busy || !save} onChange={(event) => setAutojoin(event.target.checked)} />
          <label htmlFor={`${id}-autojoin`}>{t('bookmarks.autojoin')}</label>
        </div>
        {error !== undefined && (
          <Alert>
            <p id={`${id}-error`}>{error}</p>
            {missing && (
              <>
                <p className="hint">{t('joinRoom.createHint')}</p>
                <div className="actions start">
                  <button type="button" onClick={() => void submit(undefined, 'public')}>
                    {t('joinRoom.createPublic')}
                  </button>
                  <button type="button" onClick={() => void submit(undefined, 'private')}>
                    {t('joinRoom.createPrivate')}
                  </button>
                  <button type="button" onClick={() => void submit(undefined, 'custom')}>
                    {t('joinRoom.createCustom')}
                  </button>
                </div>
              </>
            )}
          </Alert>
        )}
        {busy && (
          <p role="status" className="progress working">
            {t('joinRoom.joining')}
          </p>
        )}
        <FormActions cancelLabel={t('common.cancel')} onCancel={onClose} submitLabel={t('joinRoom.submit')} busy={busy} incomplete={address.trim() === '' || nick.trim() === ''} />
      </form>
    </Modal>
  );
}
