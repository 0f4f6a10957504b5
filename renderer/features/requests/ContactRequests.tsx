// Incoming subscription requests (RFC 6121 §3.1.3): approve (and add them back) or deny, one by one.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubscriptionRequest } from '../../../shared/model/contact.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { selectBlocking, useBlocking } from '../../stores/blocking.ts';
import type { AccountRoster } from '../../stores/roster.ts';
import { receivesPresence } from '../presence/labels.ts';

interface ContactRequestsProps {
  readonly accountId: string;
  readonly roster: AccountRoster;
}

export function ContactRequests({ accountId, roster }: ContactRequestsProps) {
  const id = useId();
  const { t } = useTranslation();
  if (roster.requests.length === 0) return null;
  return (
    <section className="requests" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('requests.title')}</h3>
      <ul>
        {roster.requests.map((request) => {
          const contact = roster.contacts.get(request.jid);
          // Already seeing (or asking to see) their presence: nothing to add back.
          const canAddBack = !contact || !(receivesPresence(contact.subscription) || contact.pendingOut);
          return <RequestItem key={request.jid} accountId={accountId} request={request} canAddBack={canAddBack} />;
        })}
      </ul>
    </section>
  );
}

interface RequestItemProps {
  readonly accountId: string;
  readonly request: SubscriptionRequest;
  readonly canAddBack: boolean;
}

function RequestItem({ accountId, request, canAddBack }: RequestItemProps) {
  const id = useId();
  const { t } = useTranslation();
  const [addBack, setAddBack] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const message = request.message?.trim();
  const canBlock = useBlocking((state) => selectBlocking(state, accountId).supported);

  async function answer(choice: 'approve' | 'deny' | 'block') {
    setBusy(true);
    setError(undefined);
    try {
      if (choice === 'approve') await call('subscription.approve', { accountId, jid: request.jid, addBack: canAddBack && addBack });
      else if (choice === 'deny') await call('subscription.deny', { accountId, jid: request.jid });
      // Blocking also refuses the request (XEP-0191 with RFC 6121 §3.2.1).
      else await call('blocking.block', { accountId, jid: request.jid });
      // The request leaves the list through subscription.requestsChanged.
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="request" aria-labelledby={`${id}-jid`} aria-describedby={`${id}-what`}>
      <p>
        <strong id={`${id}-jid`} className="jid">
          {request.jid}
        </strong>{' '}
        <span id={`${id}-what`}>{t('requests.what')}</span>
      </p>
      {message !== undefined && message !== '' && <p className="request-message">{t('requests.message', { message })}</p>}
      {canAddBack && (
        <div className="field check">
          <input
            id={`${id}-add-back`}
            type="checkbox"
            checked={addBack}
            disabled={busy}
            onChange={(event) => setAddBack(event.target.checked)}
          />
          <label htmlFor={`${id}-add-back`}>{t('requests.addBack')}</label>
        </div>
      )}
      <div className="actions start">
        <button type="button" className="primary" disabled={busy} aria-describedby={`${id}-jid`} onClick={() => void answer('approve')}>
          {t('requests.approve')}
        </button>
        <button type="button" disabled={busy} aria-describedby={`${id}-jid`} onClick={() => void answer('deny')}>
          {t('requests.deny')}
        </button>
        {canBlock && (
          <button type="button" className="danger-quiet" disabled={busy} aria-describedby={`${id}-jid`} onClick={() => void answer('block')}>
            {t('blocking.block')}
          </button>
        )}
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </li>
  );
}
