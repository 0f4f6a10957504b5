// XEP-0045 §7.2.4–§7.2.10: why a room refused our presence (or a request), as typed errors the renderer words.
import { CausetteError } from '../../../../shared/ipc/errors.ts';

const said = (text: string | undefined): Record<string, string> => (text ? { serverText: text } : {});

/** The error for a refused join, by its RFC 6120 §8.3.3 condition. */
export function joinError(condition: string, room: string, nick: string, text?: string): CausetteError {
  switch (condition) {
    case 'conflict': // §7.2.9
      return new CausetteError('conflict', `The nickname ${nick} is already taken in ${room}.`, undefined, { context: 'nickInUse', nick, room, ...said(text) });
    case 'not-authorized': // §7.2.6
      return new CausetteError('not-authorized', `The room ${room} needs a password, or the password is wrong.`, undefined, { context: 'roomPassword', room, ...said(text) });
    case 'registration-required': // §7.2.7
      return new CausetteError('not-authorized', `The room ${room} is for members only.`, undefined, { context: 'membersOnly', room, ...said(text) });
    case 'forbidden': // §7.2.8
      return new CausetteError('not-authorized', `You are banned from the room ${room}.`, undefined, { context: 'banned', room, ...said(text) });
    case 'item-not-found': // §7.2.11 (a locked room) and a room that does not exist
    case 'remote-server-not-found':
      return new CausetteError('not-found', `The room ${room} does not exist.`, undefined, { context: 'room', room, ...said(text) });
    case 'gone': // RFC 6120 §8.3.3.5: a destroyed room's tombstone (XEP-0045 §10.9), its reason as the text
      return new CausetteError('not-found', `The room ${room} was destroyed.`, undefined, { context: 'roomGone', room, ...said(text) });
    case 'service-unavailable': // §7.2.10: the room is full
      return new CausetteError('not-supported', `The room ${room} is not letting anyone in right now.`, undefined, { context: 'roomUnavailable', room, ...said(text) });
    default:
      return roomRefused(condition, room, text);
  }
}

/** A request to the room (configuration, subject…) refused: forbidden is said plainly, anything else with its condition. */
export function roomRefused(condition: string, room: string, text?: string): CausetteError {
  if (condition === 'forbidden' || condition === 'not-allowed') {
    return new CausetteError('not-authorized', `The room ${room} does not let you do this.`, undefined, { context: 'roomForbidden', room, ...said(text) });
  }
  if (condition === 'item-not-found' || condition === 'remote-server-not-found') {
    return new CausetteError('not-found', `The room ${room} does not exist.`, undefined, { context: 'room', room, ...said(text) });
  }
  return new CausetteError('bad-request', `The room ${room} refused the request (${condition}).`, undefined, { context: 'roomRefused', room, condition, ...said(text) });
}
