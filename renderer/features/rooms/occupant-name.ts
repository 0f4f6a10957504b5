// A private conversation with a room's occupant (XEP-0045 §7.5) is with room@service/nick: it is named "bob in room@…".
import type { TFunction } from 'i18next';

/** The nickname and room of an occupant's full JID; undefined for any other address. */
export function occupantOf(peer: string): { readonly room: string; readonly nick: string } | undefined {
  const slash = peer.indexOf('/');
  if (slash <= 0 || slash === peer.length - 1) return undefined;
  return { room: peer.slice(0, slash), nick: peer.slice(slash + 1) };
}

export function occupantName(peer: string, t: TFunction): string | undefined {
  const occupant = occupantOf(peer);
  return occupant && t('room.privateName', { nick: occupant.nick, room: occupant.room });
}
