// The account's own presence: a Status menu and a status message (with recent ones offered), sent with presence.set.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OwnShowSchema, type OwnShow } from '../../../shared/model/presence.ts';
import { call, listen, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import type { AccountRoster } from '../../stores/roster.ts';
import { ownShowLabel, ownShowOptions } from './labels.ts';

interface OwnPresenceProps {
  readonly accountId: string;
  readonly roster: AccountRoster;
}

export function OwnPresence({ accountId, roster }: OwnPresenceProps) {
  const id = useId();
  const { t } = useTranslation();
  const { presence, recentStatuses, invisibility } = roster;
  const [draft, setDraft] = useState(presence.status);
  const [error, setError] = useState<string>();
  /** The state just chosen, shown until Causette confirms it with presence.ownChanged. */
  const [chosen, setChosen] = useState<OwnShow>();
  const noInvisibility = invisibility === 'unavailable';
  const messageField = useRef<HTMLInputElement>(null);

  // The tray's "Set status message…" brings the window forward and asks for this field.
  useEffect(() => listen('ui.editStatus', () => messageField.current?.focus()), []);

  // What Causette reports wins over an unsent draft only when it changes.
  useEffect(() => setDraft(presence.status), [presence.status]);
  useEffect(() => setChosen(undefined), [presence.show]);

  async function send(show: OwnShow, status: string) {
    setError(undefined);
    try {
      await call('presence.set', { accountId, show, status });
    } catch (failure) {
      setChosen(undefined);
      setError(messageOf(failure));
    }
  }

  function applyMessage(event?: FormEvent) {
    event?.preventDefault();
    const status = draft.trim();
    if (status !== presence.status) void send(presence.show, status);
  }

  const hints = presence.auto ? `${id}-auto` : undefined;
  return (
    <form className="own-presence" onSubmit={applyMessage}>
      <div className="field inline">
        <label htmlFor={`${id}-show`}>{t('ownPresence.status')}</label>
        <select
          id={`${id}-show`}
          value={chosen ?? presence.show}
          aria-describedby={hints}
          onChange={(event) => {
            const show = OwnShowSchema.parse(event.target.value);
            setChosen(show);
            void send(show, draft.trim());
          }}
        >
          {ownShowOptions.map((show) => (
            // Where it is chosen, not as a line of its own: why this server offers no invisibility.
            <option key={show} value={show} disabled={show === 'invisible' && noInvisibility}>
              {show === 'invisible' && noInvisibility ? t('ownPresence.invisibleUnavailable') : ownShowLabel(show)}
            </option>
          ))}
        </select>
        {presence.auto !== undefined && (
          <span id={`${id}-auto`} className="auto">
            {t('ownPresence.auto')}
            <span className="visually-hidden">{` ${t('ownPresence.autoHint')}`}</span>
          </span>
        )}
      </div>
      <div className="field inline grow">
        <label htmlFor={`${id}-message`}>{t('ownPresence.message')}</label>
        <input
          id={`${id}-message`}
          ref={messageField}
          type="text"
          list={`${id}-recent`}
          maxLength={1024}
          placeholder={t('ownPresence.placeholder')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => applyMessage()}
        />
        <datalist id={`${id}-recent`}>
          {recentStatuses.map((status) => (
            <option key={status} value={status} />
          ))}
        </datalist>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </form>
  );
}
