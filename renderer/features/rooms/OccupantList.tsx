// Who is in the room, by role (XEP-0045 §5.1): moderators, participants, visitors; each with their nickname and presence;
// and our own part there: our nickname (§7.6) and the subject (§8.1) to change.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Occupant, Role } from '../../../shared/model/room.ts';
import { call } from '../../api.ts';
import { useUi } from '../../stores/ui.ts';
import { showLabel } from '../presence/labels.ts';
import { OwnerTools } from './OwnerTools.tsx';
import { RoomTextDialog } from './RoomTextDialog.tsx';
import { nickColour } from './nick-colour.ts';

const roles = ['moderator', 'participant', 'visitor'] as const satisfies readonly Role[];

interface OccupantListProps {
  readonly accountId: string;
  readonly room: string;
  readonly occupants: readonly Occupant[];
  readonly subject: string;
}

export function OccupantList({ accountId, room, occupants, subject }: OccupantListProps) {
  const id = useId();
  const { t } = useTranslation();
  const [changing, setChanging] = useState<'nick' | 'subject'>();
  /** §8.2 and §9.1: who is being kicked or banned, while the reason is asked. */
  const [removing, setRemoving] = useState<{ readonly how: 'kick' | 'ban'; readonly occupant: Occupant }>();
  const self = occupants.find((occupant) => occupant.self);
  const ownNick = self?.nick ?? '';
  // §5.1 and §5.2: moderators kick; admins and owners ban, by the real JID the room tells them.
  const mayKick = self?.role === 'moderator';
  const mayBan = self?.affiliation === 'owner' || self?.affiliation === 'admin';
  const heading = { moderator: t('room.moderators'), participant: t('room.participants'), visitor: t('room.visitors') };
  return (
    // Focusable: a long list scrolls, and the keyboard must be able to scroll it (WCAG 2.1.1).
    <aside className="occupants" aria-labelledby={`${id}-title`} tabIndex={0}>
      <h3 id={`${id}-title`}>{t('room.occupantsTitle')}</h3>
      <div className="actions start room-tools">
        <button type="button" className="quiet" onClick={() => setChanging('nick')}>
          {t('room.changeNick')}
        </button>
        <button type="button" className="quiet" onClick={() => setChanging('subject')}>
          {t('room.changeSubject')}
        </button>
        {self?.affiliation === 'owner' && <OwnerTools accountId={accountId} room={room} />}
      </div>
      {changing === 'nick' && (
        <RoomTextDialog
          title={t('room.changeNick')}
          label={t('joinRoom.nick')}
          initial={ownNick}
          allowEmpty={false}
          onSave={(nick) => call('muc.setNick', { accountId, room, nick })}
          onClose={() => setChanging(undefined)}
        />
      )}
      {removing && (
        <RoomTextDialog
          title={removing.how === 'kick' ? t('room.kickTitle', { nick: removing.occupant.nick }) : t('room.banTitle', { nick: removing.occupant.nick })}
          label={t('room.reason')}
          initial=""
          allowEmpty
          action={removing.how === 'kick' ? t('room.kick') : t('room.ban')}
          onSave={(reason) => {
            const why = reason === '' ? {} : { reason };
            const { occupant } = removing;
            return removing.how === 'kick' || occupant.jid === undefined
              ? call('muc.kick', { accountId, room, nick: occupant.nick, ...why })
              : call('muc.ban', { accountId, room, jid: occupant.jid.split('/')[0] ?? occupant.jid, ...why });
          }}
          onClose={() => setRemoving(undefined)}
        />
      )}
      {changing === 'subject' && (
        <RoomTextDialog
          title={t('room.changeSubject')}
          label={t('room.subjectLabel')}
          initial={subject}
          allowEmpty
          onSave={(text) => call('muc.setSubject', { accountId, room, subject: text })}
          onClose={() => setChanging(undefined)}
        />
      )}
      {roles.map((role) => {
        const members = occupants.filter((occupant) => occupant.role === role);
        if (members.length === 0) return null;
        return (
          <section key={role} aria-labelledby={`${id}-${role}`}>
            <h4 id={`${id}-${role}`}>
              {heading[role]} <span className="section-count">{members.length}</span>
            </h4>
            <ul className="occupant-list">
              {members.map((occupant) => (
                <li key={occupant.nick} className="occupant">
                  <span className={`dot presence-${occupant.show}`} aria-hidden="true" />
                  {occupant.self ? (
                    <span className="occupant-nick" style={{ color: nickColour(occupant.nick) }}>
                      {occupant.nick}
                    </span>
                  ) : (
                    // §7.5: a click writes to them privately, in a conversation of its own.
                    <button
                      type="button"
                      className="occupant-nick link-button"
                      style={{ color: nickColour(occupant.nick) }}
                      title={t('room.messagePrivately', { nick: occupant.nick })}
                      aria-label={t('room.messagePrivately', { nick: occupant.nick })}
                      onClick={() => useUi.getState().showChat(accountId, `${room}/${occupant.nick}`)}
                    >
                      {occupant.nick}
                    </button>
                  )}
                  {occupant.self && <span className="occupant-self">{t('room.you')}</span>}
                  {!occupant.self && (mayKick || (mayBan && occupant.jid !== undefined)) && (
                    <span className="occupant-actions">
                      {mayKick && (
                        <button type="button" className="quiet" aria-label={t('room.kickLabel', { nick: occupant.nick })} onClick={() => setRemoving({ how: 'kick', occupant })}>
                          {t('room.kick')}
                        </button>
                      )}
                      {mayBan && occupant.jid !== undefined && (
                        <button type="button" className="quiet danger-quiet" aria-label={t('room.banLabel', { nick: occupant.nick })} onClick={() => setRemoving({ how: 'ban', occupant })}>
                          {t('room.ban')}
                        </button>
                      )}
                    </span>
                  )}
                  <span className="visually-hidden">{`, ${showLabel(occupant.show)}`}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
