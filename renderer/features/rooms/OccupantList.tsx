// Who is in the room, by role (XEP-0045 §5.1): moderators, participants, visitors; each with their nickname and presence;
// and our own part there: our nickname (§7.6) and the subject (§8.1) to change. Virtualized: a room may hold thousands.
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Occupant } from '../../../shared/model/room.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useUi } from '../../stores/ui.ts';
import { showLabel } from '../presence/labels.ts';
import { AffiliationsDialog } from './AffiliationsDialog.tsx';
import { OccupantMenu } from './OccupantMenu.tsx';
import { OwnerTools } from './OwnerTools.tsx';
import { RoomTextDialog } from './RoomTextDialog.tsx';
import { nickColour } from './nick-colour.ts';
import { listedRoles as roles, occupantRows, renderedRows } from './occupant-rows.ts';

/** What a row takes before it is measured: a heading, an occupant's line. */
const estimate = { role: 30, occupant: 28 } as const;

interface OccupantListProps {
  readonly accountId: string;
  readonly room: string;
  readonly occupants: readonly Occupant[];
  readonly subject: string;
}

/** Memoized: the room's messages re-render the pane many times a second, the occupants seldom change with them. */
export const OccupantList = memo(function OccupantList({ accountId, room, occupants, subject }: OccupantListProps) {
  const id = useId();
  const { t } = useTranslation();
  const [changing, setChanging] = useState<'nick' | 'subject' | 'lists'>();
  /** The room's refusal of the last action from an occupant's menu. */
  const [refused, setRefused] = useState<string>();
  /** §8.2 and §9.1: who is being kicked or banned, while the reason is asked. */
  const [removing, setRemoving] = useState<{ readonly how: 'kick' | 'ban'; readonly occupant: Occupant }>();
  const self = occupants.find((occupant) => occupant.self);
  const ownNick = self?.nick ?? '';
  const own = { role: self?.role ?? 'none', affiliation: self?.affiliation ?? 'none' } as const;
  // §5.2.1: admins and owners edit the room's lists.
  const mayEditLists = own.affiliation === 'owner' || own.affiliation === 'admin';
  const affiliationWord = { owner: t('moderation.owner'), admin: t('moderation.admin'), member: t('moderation.member'), outcast: '', none: '' };
  const heading = { moderator: t('room.moderators'), participant: t('room.participants'), visitor: t('room.visitors') };
  const rows = useMemo(() => occupantRows(occupants), [occupants]);
  const scrollRef = useRef<HTMLElement>(null);
  const startRef = useRef<HTMLDivElement>(null);
  /** Where the rows begin in the panel, under its heading and tools. */
  const [start, setStart] = useState(0);
  const [focusedKey, setFocusedKey] = useState<string>();
  const focused = focusedKey === undefined ? undefined : rows.findIndex((row) => row.key === focusedKey);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimate[rows[index]?.kind ?? 'occupant'],
    getItemKey: (index) => rows[index]?.key ?? index,
    scrollMargin: start,
    overscan: 12,
    rangeExtractor: (range) => renderedRows(rows, defaultRangeExtractor(range), focused === -1 ? undefined : focused),
  });
  useLayoutEffect(() => {
    const offset = startRef.current?.offsetTop ?? 0;
    if (offset !== start) setStart(offset);
  });
  const items = virtualizer.getVirtualItems();
  /** A rendered row's place: measured, and moved down from the top of the panel. */
  const placed = (index: number, at: number) => ({ 'data-index': index, ref: virtualizer.measureElement, style: { transform: `translateY(${at}px)` } });
  return (
    // Focusable: a long list scrolls, and the keyboard must be able to scroll it (WCAG 2.1.1).
    <aside
      ref={scrollRef}
      className="occupants"
      aria-labelledby={`${id}-title`}
      tabIndex={0}
      onFocus={(event) => setFocusedKey(event.target.closest<HTMLElement>('[data-key]')?.dataset['key'])}
    >
      <h3 id={`${id}-title`}>{t('room.occupantsTitle')}</h3>
      <div className="actions start room-tools">
        <button type="button" className="quiet" onClick={() => setChanging('nick')}>
          {t('room.changeNick')}
        </button>
        <button type="button" className="quiet" onClick={() => setChanging('subject')}>
          {t('room.changeSubject')}
        </button>
        {mayEditLists && (
          <button type="button" className="quiet" onClick={() => setChanging('lists')}>
            {t('moderation.listsTitle')}
          </button>
        )}
        {self?.affiliation === 'owner' && <OwnerTools accountId={accountId} room={room} />}
      </div>
      {refused !== undefined && (
        <Alert>
          <p>{refused}</p>
        </Alert>
      )}
      {changing === 'lists' && <AffiliationsDialog accountId={accountId} room={room} own={own.affiliation} onClose={() => setChanging(undefined)} />}
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
      <div ref={startRef} className="occupant-rows" style={{ height: virtualizer.getTotalSize() - start }} />
      {roles.map((role) => {
        const shown = items.flatMap((item) => {
          const row = rows[item.index];
          return row?.role === role ? [{ item, row }] : [];
        });
        const header = shown.find(({ row }) => row.kind === 'role');
        const members = shown.flatMap(({ item, row }) => (row.kind === 'occupant' ? [{ ...row, item }] : []));
        if (header?.row.kind !== 'role') return null;
        const { count } = header.row;
        return (
          <section key={role} aria-labelledby={`${id}-${role}`}>
            <h4 id={`${id}-${role}`} className="occupant-row" {...placed(header.item.index, header.item.start)}>
              {heading[role]} <span className="section-count">{count}</span>
            </h4>
            <ul className="occupant-list">
              {members.map(({ occupant, item, key, position }) => (
                <li key={occupant.nick} className="occupant occupant-row" data-key={key} aria-setsize={count} aria-posinset={position} {...placed(item.index, item.start)}>
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
                  {affiliationWord[occupant.affiliation] !== '' && <span className="occupant-affiliation">{affiliationWord[occupant.affiliation]}</span>}
                  {/* §7.2.3: the real address, when the room shows it to us (non-anonymous, or we moderate a semi-anonymous one). */}
                  {occupant.jid !== undefined && !occupant.self && (
                    <span className="occupant-jid" title={occupant.jid.split('/')[0]}>
                      {occupant.jid.split('/')[0]}
                    </span>
                  )}
                  {!occupant.self && (
                    <OccupantMenu
                      accountId={accountId}
                      room={room}
                      occupant={occupant}
                      own={own}
                      onRemove={(how, whom) => {
                        setRefused(undefined);
                        setRemoving({ how, occupant: whom });
                      }}
                      onDone={(error) => setRefused(error === undefined ? undefined : messageOf(error))}
                    />
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
});
