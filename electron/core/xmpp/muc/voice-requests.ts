// XEP-0045 §7.13 and §8.6: a visitor in a moderated room asks for voice (a muc#request form to the room); the room passes
// the request to its moderators as a form, which one submits with muc#request_allow to grant or deny it.
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { DataForm } from '../../../../shared/model/data-form.ts';
import type { VoiceRequest } from '../../../../shared/model/voice-request.ts';
import type { Logger } from '../../log/logger.ts';
import type { Connection } from '../connection.ts';
import { buildSubmitForm } from '../forms/data-form-build.ts';
import { FORM_TYPE, NS_DATA, findDataForm } from '../forms/data-form-parse.ts';
import { roomOf } from './room-entry.ts';

export const FORM_REQUEST = 'http://jabber.org/protocol/muc#request';

/** §7.13: the visitor's request, a submitted form asking for the participant role. */
export function buildVoiceRequest(room: string): Element {
  return xml(
    'message',
    { to: room },
    xml(
      'x',
      { xmlns: NS_DATA, type: 'submit' },
      xml('field', { var: FORM_TYPE }, xml('value', {}, FORM_REQUEST)),
      xml('field', { var: 'muc#role', type: 'list-single' }, xml('value', {}, 'participant')),
    ),
  );
}

/** §8.6: the room's form asking its moderators; undefined for any other message. */
export function parseVoiceRequest(stanza: Element, now: number): { request: VoiceRequest; form: DataForm } | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type === 'error' || stanza.attrs.type === 'groupchat') return undefined;
  const from = String(stanza.attrs.from ?? '');
  // From the room itself, not an occupant.
  if (from === '' || from.includes('/')) return undefined;
  const form = findDataForm(stanza, FORM_REQUEST);
  if (form?.type !== 'form') return undefined;
  const value = (name: string) => form.fields.find((field) => field.var === name)?.values[0]?.trim();
  const nick = value('muc#roomnick');
  if (nick === undefined || nick === '') return undefined;
  const jid = value('muc#jid');
  return { request: { room: roomOf(from), nick, ...(jid === undefined || jid === '' ? {} : { jid }), receivedAt: now }, form };
}

export interface VoiceRequestsDeps {
  readonly connection: Pick<Connection, 'send' | 'pipeline'>;
  readonly logger: Logger;
  /** We are in that room: only its requests are for us. */
  readonly inRoom: (room: string) => boolean;
  readonly onRequest: (request: VoiceRequest) => void;
  readonly now?: () => number;
}

export function setupVoiceRequests(deps: VoiceRequestsDeps) {
  const now = deps.now ?? Date.now;
  /** The forms waiting for our answer, by room and nickname: a second request from the same visitor replaces the first. */
  const waiting = new Map<string, DataForm>();
  const key = (room: string, nick: string) => `${room}\n${nick}`;

  const removeStep = deps.connection.pipeline.useIncoming((stanza) => {
    if (stanza.name !== 'message' || stanza.getChild('x', NS_DATA) === undefined) return stanza;
    const parsed = parseVoiceRequest(stanza, now());
    if (!parsed) return stanza;
    if (!deps.inRoom(parsed.request.room)) {
      deps.logger.info('a voice request from a room we are not in is ignored');
      return undefined;
    }
    waiting.set(key(parsed.request.room, parsed.request.nick), parsed.form);
    deps.onRequest(parsed.request);
    return undefined;
  });

  return {
    /** §7.13: asks the room's moderators for voice; they answer by changing our role, or not at all. */
    async request(room: string): Promise<void> {
      await deps.connection.send(buildVoiceRequest(room));
    },
    /** §8.6: the moderator's answer, the room's form submitted with muc#request_allow. */
    async answer(room: string, nick: string, allow: boolean): Promise<void> {
      const form = waiting.get(key(room, nick));
      if (!form) throw new CausetteError('not-found', `${nick} has no request for voice waiting in ${room}.`, undefined, { context: 'voiceRequest', room, nick });
      waiting.delete(key(room, nick));
      await deps.connection.send(xml('message', { to: room }, buildSubmitForm(form, { 'muc#request_allow': [allow ? '1' : '0'] })));
    },
    dispose(): void {
      removeStep();
      waiting.clear();
    },
  };
}

export type VoiceRequests = ReturnType<typeof setupVoiceRequests>;
