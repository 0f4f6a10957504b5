// Which presence-sharing changes (RFC 6121 §3) make sense for a contact, in the order they are offered.
import type { CommandName } from '../../../shared/ipc/contract.ts';
import type { Contact } from '../../../shared/model/contact.ts';
import { i18n } from '../../i18n/index.ts';
import { receivesPresence } from '../presence/labels.ts';

export type SubscriptionCommand = Extract<
  CommandName,
  'subscription.request' | 'subscription.preapprove' | 'subscription.revoke' | 'subscription.unsubscribe'
>;

export interface SubscriptionAction {
  readonly label: string;
  readonly command: SubscriptionCommand;
}

/** The actions that change something for this contact's subscription state. */
export function subscriptionActions(contact: Contact): readonly SubscriptionAction[] {
  const receiving = receivesPresence(contact.subscription);
  const sharing = contact.subscription === 'from' || contact.subscription === 'both';
  const actions: SubscriptionAction[] = [];
  if (!receiving && !contact.pendingOut) actions.push({ label: i18n.t('subscription.request'), command: 'subscription.request' });
  if (!receiving && contact.pendingOut) actions.push({ label: i18n.t('subscription.cancel'), command: 'subscription.unsubscribe' });
  if (!sharing && !contact.approved) actions.push({ label: i18n.t('subscription.preapprove'), command: 'subscription.preapprove' });
  if (sharing) actions.push({ label: i18n.t('subscription.revoke'), command: 'subscription.revoke' });
  if (receiving) actions.push({ label: i18n.t('subscription.unsubscribe'), command: 'subscription.unsubscribe' });
  return actions;
}
