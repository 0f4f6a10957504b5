// Who is in the room, by role (XEP-0045 §5.1): moderators, participants, visitors; each with their nickname and presence.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Occupant, Role } from '../../../shared/model/room.ts';
import { showLabel } from '../presence/labels.ts';
import { nickColour } from './nick-colour.ts';

const roles = ['moderator', 'participant', 'visitor'] as const satisfies readonly Role[];

export function OccupantList({ occupants }: { readonly occupants: readonly Occupant[] }) {
  const id = useId();
  const { t } = useTranslation();
  const heading = { moderator: t('room.moderators'), participant: t('room.participants'), visitor: t('room.visitors') };
  return (
    // Focusable: a long list scrolls, and the keyboard must be able to scroll it (WCAG 2.1.1).
    <aside className="occupants" aria-labelledby={`${id}-title`} tabIndex={0}>
      <h3 id={`${id}-title`}>{t('room.occupantsTitle')}</h3>
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
                  <span className="occupant-nick" style={{ color: nickColour(occupant.nick) }}>
                    {occupant.nick}
                  </span>
                  {occupant.self && <span className="occupant-self">{t('room.you')}</span>}
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
