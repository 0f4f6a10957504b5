// Invitations to rooms waiting for an answer (XEP-0249, XEP-0045 §7.8.2): who invites us where and why; join (the join
// dialog opens with the room and its password filled in) or decline.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../../shared/model/room.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { selectInvitations, useRooms } from '../../stores/rooms.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { displayName } from '../presence/labels.ts';
import { JoinRoomDialog } from './JoinRoomDialog.tsx';
import { occupantName } from './occupant-name.ts';

export function RoomInvitations({ accountId, ownJid }: { readonly accountId: string; readonly ownJid: string }) {
  const id = useId();
  const { t } = useTranslation();
  const invitations = useRooms((state) => selectInvitations(state, accountId));
  const [joining, setJoining] = useState<Invitation>();
  if (invitations.length === 0) return null;
  return (
    <section className="requests room-invitations" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('invitations.title')} <span className="section-count">{invitations.length}</span>
      </h3>
      <ul>
        {invitations.map((invitation) => (
          <InvitationItem key={invitation.room} accountId={accountId} invitation={invitation} onJoin={() => setJoining(invitation)} />
        ))}
      </ul>
      {joining && (
        <JoinRoomDialog
          accountId={accountId}
          ownJid={ownJid}
          initial={{ address: joining.room, ...(joining.password === undefined ? {} : { password: joining.password }) }}
          onClose={() => setJoining(undefined)}
        />
      )}
    </section>
  );
}

function InvitationItem({ accountId, invitation, onJoin }: { readonly accountId: string; readonly invitation: Invitation; readonly onJoin: () => void }) {
  const id = useId();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const reason = invitation.reason?.trim();
  const contact = useRoster((state) => selectAccountRoster(state, accountId)?.contacts.get(invitation.from));
  // A semi-anonymous room names the inviter by their nickname there (room@service/nick).
  const from = contact ? displayName(contact) : (occupantName(invitation.from, t) ?? invitation.from);

  async function decline() {
    setBusy(true);
    setError(undefined);
    try {
      await call('muc.declineInvitation', { accountId, room: invitation.room });
      // The invitation leaves the list through muc.invitations.
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <li className="request" aria-labelledby={`${id}-what`}>
      <p id={`${id}-what`}>
        {t('invitations.what', { from, room: invitation.room })}
      </p>
      {!invitation.fromContact && <p className="hint">{t('invitations.stranger')}</p>}
      {reason !== undefined && reason !== '' && <p className="request-message">{t('invitations.reason', { reason })}</p>}
      {error !== undefined && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
      <div className="actions start">
        <button type="button" className="primary" disabled={busy} onClick={onJoin} aria-describedby={`${id}-what`}>
          {t('invitations.join')}
        </button>
        <button type="button" disabled={busy} onClick={() => void decline()} aria-describedby={`${id}-what`}>
          {t('invitations.decline')}
        </button>
      </div>
    </li>
  );
}
