// One row of the contact list: avatar, name, presence (dot and words) or Blocked, status message, pending request.
import { useId, type LiHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/model/contact.ts';
import { contactStateLabel, displayName, stateClass } from '../presence/labels.ts';
import { useUi } from '../../stores/ui.ts';
import { sendDropped } from '../transfers/send-files.ts';
import { useFileDrop } from '../transfers/use-file-drop.ts';
import { Avatar } from './Avatar.tsx';
import { Pause } from './Pause.tsx';
import { ungroupedName, type ContactGroup } from './contact-rows.ts';

/** Position, size and focus tracking for the list item, from the virtual list. */
export type ItemProps = LiHTMLAttributes<HTMLLIElement> & { readonly 'data-key': string };

interface ContactRowProps {
  readonly item: ItemProps;
  readonly contact: Contact;
  readonly open: boolean;
  /** Blocked (XEP-0191): nothing from them reaches us. */
  readonly blocked?: boolean;
  readonly tabbable: boolean;
  readonly onOpen: () => void;
  /** The account the contact belongs to, to fetch its avatar image through. */
  readonly accountId?: string;
}

export function ContactRow({ item, contact, open, blocked = false, tabbable, onOpen, accountId }: ContactRowProps) {
  const id = useId();
  const { t } = useTranslation();
  const name = displayName(contact);
  const status = contact.status?.trim();
  // Files dropped on a contact go to them; their conversation opens to show the progress (and any problem).
  const drop = useFileDrop((files) => {
    if (accountId === undefined) return;
    useUi.getState().showChat(accountId, contact.jid);
    sendDropped(accountId, contact.jid, files);
  });
  const dropping = accountId !== undefined && drop.dragging;
  return (
    <li {...item} className={dropping ? 'contact-item dropping' : 'contact-item'} aria-labelledby={`${id}-name`} {...(accountId === undefined ? {} : drop.handlers)}>
      <button
        type="button"
        className="contact-row"
        tabIndex={tabbable ? 0 : -1}
        aria-current={open ? 'true' : undefined}
        onClick={onOpen}
      >
        <Avatar jid={contact.jid} name={name} accountId={accountId} hash={contact.avatarHash} />
        <span className="contact-text">
          <span id={`${id}-name`} className="contact-name">
            {name}
          </span>
          <span className="contact-state">
            {/* Blocked first, in place of a presence that no longer reaches us. */}
            <span className={`dot ${blocked ? 'blocked-dot' : stateClass(contact)}`} aria-hidden="true" />
            <span className={blocked ? 'state-word blocked' : 'state-word'}>{blocked ? t('contacts.blocked') : contactStateLabel(contact)}</span>
            {!blocked && status !== undefined && status !== '' && (
              <span className="status-text">
                <Pause />
                {status}
              </span>
            )}
            {contact.pendingOut && (
              <span className="pending">
                <Pause />
                {t('contacts.waiting')}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}

interface GroupRowProps {
  readonly item: ItemProps;
  readonly group: ContactGroup;
  readonly expanded: boolean;
  readonly tabbable: boolean;
  readonly onToggle: () => void;
}

/** A group's header: a disclosure button named by the group, with how many of its contacts are online. */
export function GroupRow({ item, group, expanded, tabbable, onToggle }: GroupRowProps) {
  const id = useId();
  const { t } = useTranslation();
  return (
    <li {...item} className="group-item" aria-labelledby={`${id}-name`}>
      <h3 className="group-heading">
        <button
          type="button"
          className="group-toggle"
          tabIndex={tabbable ? 0 : -1}
          aria-expanded={expanded}
          onClick={onToggle}
        >
          <span id={`${id}-name`} className="group-name">
            {group.name === ungroupedName ? t('sidebar.contacts') : group.name}
          </span>
          <span className="group-count" aria-hidden="true">
            {group.online}/{group.contacts.length}
          </span>
          <span className="visually-hidden">
            {t('contacts.groupOnline', { online: group.online, count: group.contacts.length })}
          </span>
        </button>
      </h3>
    </li>
  );
}
