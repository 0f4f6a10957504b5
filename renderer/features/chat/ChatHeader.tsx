// A conversation's header: who it is with (avatar, name, presence or Blocked), whether it is encrypted, and its actions.
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/model/contact.ts';
import { selectIsBlocked, useBlocking } from '../../stores/blocking.ts';
import { useUi } from '../../stores/ui.ts';
import { Avatar } from '../contacts/Avatar.tsx';
import { Pause } from '../contacts/Pause.tsx';
import { contactStateLabel, stateClass } from '../presence/labels.ts';
import { occupantOf } from '../rooms/occupant-name.ts';
import { EncryptionToggle } from '../encryption/EncryptionToggle.tsx';
import { PrivateEncryption } from '../encryption/PrivateEncryption.tsx';
import { MutedMark } from './MutedMark.tsx';

interface ChatHeaderProps {
  readonly accountId: string;
  readonly peer: string;
  readonly name: string;
  /** The peer's roster entry; a stranger has none, so no presence and no details. */
  readonly contact: Contact | undefined;
  readonly muted: boolean;
  readonly onToggleMute: () => void;
  readonly onError: (message: string) => void;
}

export function ChatHeader({ accountId, peer, name, contact, muted, onToggleMute, onError }: ChatHeaderProps) {
  const { t } = useTranslation();
  const blocked = useBlocking((state) => selectIsBlocked(state, accountId, peer));
  const status = contact?.status?.trim();
  const occupant = occupantOf(peer);
  return (
    <div className="dialog-head chat-head">
      <Avatar jid={peer} name={name} accountId={accountId} hash={contact?.avatarHash} />
      <div className="chat-title">
        <h2>
          {name}
          {muted && <MutedMark />}
        </h2>
        <p className="contact-state">
          {blocked ? (
            <>
              <span className="dot blocked-dot" aria-hidden="true" />
              <span className="state-word blocked">{t('contacts.blocked')}</span>
            </>
          ) : contact ? (
            <>
              <span className={`dot ${stateClass(contact)}`} aria-hidden="true" />
              <span className="state-word">{contactStateLabel(contact)}</span>
              {status !== undefined && status !== '' && (
                <span className="status-text">
                  <Pause />
                  {status}
                </span>
              )}
            </>
          ) : (
            <span className="state-word">{occupantOf(peer) ? t('room.privateHint') : peer === name ? t('chat.notContact') : peer}</span>
          )}
          {occupant && <PrivateEncryption accountId={accountId} room={occupant.room} />}
        </p>
      </div>
      {!occupantOf(peer) && <EncryptionToggle accountId={accountId} peer={peer} onError={onError} />}
      {contact && (
        <button type="button" className="quiet details-button" onClick={() => useUi.getState().showContact(accountId, peer)}>
          {t('chat.details')}
        </button>
      )}
      <button type="button" className="quiet" aria-pressed={muted} onClick={onToggleMute}>
        {muted ? t('chat.unmute') : t('chat.mute')}
      </button>
      <button type="button" className="quiet" onClick={() => closeChat(peer)}>
        {t('common.close')}
      </button>
    </div>
  );
}

/** Closes the conversation and puts the focus back on its entry in the sidebar, where the keyboard goes on from. */
export function closeChat(peer: string): void {
  // Rendered at once, so that the sidebar a narrow window hid is back before the focus goes to it.
  flushSync(() => useUi.getState().closeChat());
  const entry = [...document.querySelectorAll<HTMLElement>('.conversation-item')].find((item) => item.dataset['peer'] === peer);
  (entry ?? document.querySelector<HTMLElement>('.contact-list button[tabindex="0"]'))?.focus();
}
