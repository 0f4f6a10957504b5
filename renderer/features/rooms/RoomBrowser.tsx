// The rooms of the account's group chat service (XEP-0045 §6.3), asked for on demand, searched by name, address or
// description; choosing one fills in the join dialog's address.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomList, RoomListing } from '../../../shared/model/room.ts';
import { call, messageOf } from '../../api.ts';
import { fold } from '../contacts/contact-rows.ts';

type Listing = { readonly status: 'closed' } | { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: string } | { readonly status: 'loaded'; readonly list: RoomList };

function matches(room: RoomListing, needle: string): boolean {
  return needle === '' || [room.jid, room.name ?? '', room.description ?? ''].some((text) => fold(text).includes(needle));
}

export function RoomBrowser({ accountId, onChoose }: { readonly accountId: string; readonly onChoose: (jid: string) => void }) {
  const id = useId();
  const { t } = useTranslation();
  const [listing, setListing] = useState<Listing>({ status: 'closed' });
  const [query, setQuery] = useState('');
  const needle = fold(query.trim());
  const shown = useMemo(() => (listing.status === 'loaded' ? listing.list.rooms.filter((room) => matches(room, needle)) : []), [listing, needle]);

  async function open() {
    setListing({ status: 'loading' });
    try {
      setListing({ status: 'loaded', list: await call('muc.list', { accountId }) });
    } catch (failure) {
      setListing({ status: 'failed', error: messageOf(failure) });
    }
  }

  if (listing.status === 'closed') {
    return (
      <div className="actions start">
        <button type="button" onClick={() => void open()}>
          {t('roomList.browse')}
        </button>
      </div>
    );
  }
  if (listing.status === 'loading') {
    return (
      <p role="status" className="progress working">
        {t('roomList.loading')}
      </p>
    );
  }
  if (listing.status === 'failed') {
    return (
      <p role="alert" className="field-error">
        {listing.error}
      </p>
    );
  }
  const { list } = listing;
  return (
    <section className="room-browser stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('roomList.title', { service: list.service })}</h3>
      <div className="field">
        <label htmlFor={`${id}-search`} className="visually-hidden">
          {t('roomList.search')}
        </label>
        <input id={`${id}-search`} type="search" placeholder={t('roomList.search')} autoComplete="off" spellCheck={false} value={query} onChange={(event) => setQuery(event.target.value)} />
      </div>
      {shown.length === 0 ? (
        <p className="hint" role="status">
          {list.rooms.length === 0 ? t('roomList.none') : t('roomList.noMatch', { query: query.trim() })}
        </p>
      ) : (
        <ul className="room-list" aria-label={t('roomList.label')}>
          {shown.map((room) => (
            <li key={room.jid}>
              <button type="button" className="room-listing" onClick={() => onChoose(room.jid)}>
                <span className="room-listing-name">{room.name ?? room.jid}</span>
                {room.occupants !== undefined && <span className="room-listing-count">{t('room.occupants', { count: room.occupants })}</span>}
                {room.name !== undefined && <span className="room-listing-address">{room.jid}</span>}
                {room.description !== undefined && <span className="room-listing-description">{room.description}</span>}
                {(room.passwordProtected === true || room.membersOnly === true) && (
                  <span className="room-listing-access">{room.passwordProtected === true ? t('roomList.password') : t('roomList.membersOnly')}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.truncated && <p className="hint">{t('roomList.truncated', { count: list.rooms.length })}</p>}
    </section>
  );
}
