// The account's own presence: a Status menu and a status message (with recent ones offered), sent with presence.set;
// the arrows only move the menu's choice, which is sent once confirmed.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OwnShowSchema, type OwnShow } from '../../../shared/model/presence.ts';
import { call, listen, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import type { AccountRoster } from '../../stores/roster.ts';
import { ownShowLabel, ownShowOptions } from './labels.ts';
import { stepChoice } from './status-keys.ts';

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
  /** The state the arrows moved to, not sent until confirmed. */
  const [pending, setPending] = useState<OwnShow>();
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

  function choose(show: OwnShow) {
    setPending(undefined);
    setChosen(show);
    if (show !== (chosen ?? presence.show)) void send(show, draft.trim());
  }

  function onShowKey(event: KeyboardEvent<HTMLSelectElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || isOpen(event.currentTarget)) return;
    if (event.key === 'Enter' && pending !== undefined) {
      event.preventDefault();
      choose(pending);
      return;
    }
    if (event.key === 'Escape' && pending !== undefined) {
      event.preventDefault();
      setPending(undefined);
      return;
    }
    const options = ownShowOptions.map((show) => ({ value: show, label: ownShowLabel(show), disabled: show === 'invisible' && noInvisibility }));
    const next = stepChoice(options, pending ?? chosen ?? presence.show, event.key);
    // A closed menu would change, and send, at each step: the step only moves the choice here.
    if (next !== undefined || (event.key.length === 1 && event.key !== ' ')) event.preventDefault();
    if (next !== undefined) setPending(next === (chosen ?? presence.show) ? undefined : next);
  }

  function applyMessage(event?: FormEvent) {
    event?.preventDefault();
    const status = draft.trim();
    if (status !== presence.status) void send(presence.show, status);
  }

  const hints = [pending !== undefined ? `${id}-confirm` : undefined, presence.auto ? `${id}-auto` : undefined].filter(Boolean).join(' ');
  return (
    <form className="own-presence" onSubmit={applyMessage}>
      <div className="field inline">
        <label htmlFor={`${id}-show`}>{t('ownPresence.status')}</label>
        <select
          id={`${id}-show`}
          value={pending ?? chosen ?? presence.show}
          aria-describedby={hints || undefined}
          onKeyDown={onShowKey}
          onChange={(event) => choose(OwnShowSchema.parse(event.target.value))}
          onBlur={() => pending !== undefined && choose(pending)}
        >
          {ownShowOptions.map((show) => (
            // Where it is chosen, not as a line of its own: why this server offers no invisibility.
            <option key={show} value={show} disabled={show === 'invisible' && noInvisibility}>
              {show === 'invisible' && noInvisibility ? t('ownPresence.invisibleUnavailable') : ownShowLabel(show)}
            </option>
          ))}
        </select>
        {pending !== undefined && (
          <span id={`${id}-confirm`} className="hint">
            {t('ownPresence.confirm')}
          </span>
        )}
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

/** Whether the menu's list is open (the :open pseudo-class); there the arrows are the browser's and a choice ends with Enter. */
function isOpen(select: HTMLSelectElement): boolean {
  try {
    return select.matches(':open');
  } catch {
    return false;
  }
}
