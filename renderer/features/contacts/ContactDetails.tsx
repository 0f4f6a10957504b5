// A contact's details, named by the contact: address, name, groups, subscription, each resource, whether files may go
// directly, and what can be done.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/model/contact.ts';
import { useUi } from '../../stores/ui.ts';
import { BlockContact } from '../blocking/BlockContact.tsx';
import { contactStateLabel, displayName, lastSeenLabel, stateClass, subscriptionLabel } from '../presence/labels.ts';
import { Avatar } from './Avatar.tsx';
import { Pause } from './Pause.tsx';
import { ContactProfile } from './ContactProfile.tsx';
import { ContactResources } from './ContactResources.tsx';
import { DirectTransfers } from './DirectTransfers.tsx';
import { EncryptionDevices } from '../encryption/EncryptionDevices.tsx';
import { EditContact } from './EditContact.tsx';
import { RemoveContact } from './RemoveContact.tsx';
import { SubscriptionActions } from './SubscriptionActions.tsx';

interface ContactDetailsProps {
  readonly accountId: string;
  readonly contact: Contact;
  readonly groupNames: readonly string[];
}

export function ContactDetails({ accountId, contact, groupNames }: ContactDetailsProps) {
  const id = useId();
  const { t } = useTranslation();
  const name = displayName(contact);
  const close = () => {
    useUi.getState().closeContact();
    // Back to the conversation's Details button if one lies beneath, else to the list, on the row the keyboard last used.
    requestAnimationFrame(() =>
      (document.querySelector<HTMLElement>('.chat-head .details-button') ?? document.querySelector<HTMLElement>('.contact-list button[tabindex="0"]'))?.focus(),
    );
  };
  const status = contact.status?.trim();
  const lastSeen = lastSeenLabel(contact, Date.now());
  const rows: readonly (readonly [string, string])[] = [
    [t('contact.address'), contact.jid],
    [t('contact.name'), contact.name?.trim() || t('contact.none')],
    [t('contact.groups'), contact.groups.length > 0 ? contact.groups.join(', ') : t('contact.none')],
    [t('contact.subscription'), subscriptionLabel(contact)],
    ...(contact.presenceError === undefined ? [] : [[t('presence.error'), contact.presenceError] as const]),
    ...(lastSeen === undefined ? [] : [[t('contact.lastSeen'), lastSeen] as const]),
  ];

  return (
    <section className="contact-details" aria-labelledby={`${id}-title`}>
      <div className="dialog-head">
        <div className="contact-title">
          <Avatar jid={contact.jid} name={name} size="large" accountId={accountId} hash={contact.avatarHash} />
          <div>
            <h2 id={`${id}-title`}>{name}</h2>
            <p className="contact-state">
              <span className={`dot ${stateClass(contact)}`} aria-hidden="true" />
              {contactStateLabel(contact)}
              {status !== undefined && status !== '' && (
                <span className="status-text">
                  <Pause />
                  {status}
                </span>
              )}
            </p>
          </div>
        </div>
        <div className="actions">
          <button type="button" onClick={() => useUi.getState().showChat(accountId, contact.jid)}>
            {t('contact.sendMessage')}
          </button>
          <button type="button" className="quiet" onClick={close}>
            {t('common.close')}
          </button>
        </div>
      </div>
      <dl className="details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ContactResources contact={contact} />
      <EncryptionDevices accountId={accountId} jid={contact.jid} name={name} />
      <DirectTransfers key={`direct-${contact.jid}`} accountId={accountId} contact={contact} name={name} />
      <ContactProfile accountId={accountId} jid={contact.jid} resources={contact.resources.map((resource) => resource.resource)} />
      <div className="stack">
        <h3>{t('contact.manage')}</h3>
        <EditContact key={contact.jid} accountId={accountId} contact={contact} groupNames={groupNames} />
        <SubscriptionActions accountId={accountId} contact={contact} />
        <RemoveContact key={contact.jid} accountId={accountId} contact={contact} onRemoved={close} />
        <BlockContact key={`block-${contact.jid}`} accountId={accountId} jid={contact.jid} name={name} />
      </div>
    </section>
  );
}
