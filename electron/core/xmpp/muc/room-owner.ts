// XEP-0045 §10: an owner's requests: the configuration form (§10.2), submitting it (with presets for a new room, §10.1.3),
// the instant room (§10.1.2), and destroying a room (§10.9).
import type { DataForm, FormAnswers } from '../../../../shared/model/data-form.ts';
import type { RoomPreset } from '../../../../shared/model/room.ts';
import type { Connection } from '../connection.ts';
import { StanzaError, toIqError } from '../errors.ts';
import { buildEmptySubmit, buildSubmitForm } from '../forms/data-form-build.ts';
import { findDataForm } from '../forms/data-form-parse.ts';
import { roomRefused } from './join-errors.ts';
import { buildConfigGet, buildConfigSet, buildDestroy, FORM_ROOMCONFIG, NS_MUC_OWNER } from './muc-stanzas.ts';

type Iq = Pick<Connection, 'iq'>;
const TIMEOUT_MS = 15_000;

/** The room's refusal in the user's terms, anything else as it was. */
export async function ask(connection: Iq, room: string, request: Parameters<Iq['iq']>[0]) {
  try {
    return await connection.iq(request, TIMEOUT_MS);
  } catch (error) {
    const failure = toIqError(error, room);
    throw failure instanceof StanzaError ? roomRefused(failure.condition, room, failure.text) : failure;
  }
}

/** §10.2: the room's configuration form. */
export async function getRoomConfig(connection: Iq, room: string): Promise<DataForm> {
  const reply = await ask(connection, room, buildConfigGet(room));
  const form = findDataForm(reply.getChild('query', NS_MUC_OWNER), FORM_ROOMCONFIG);
  if (!form) throw roomRefused('bad-request', room, 'the room sent no configuration form');
  return form;
}

/** §10.2: the form submitted with the answers. */
export async function submitRoomConfig(connection: Iq, room: string, form: DataForm, answers: FormAnswers): Promise<void> {
  await ask(connection, room, buildConfigSet(room, buildSubmitForm(form, answers)));
}

/** §10.1.2: the service's default configuration, which unlocks a new room. */
export async function acceptDefaultConfig(connection: Iq, room: string): Promise<void> {
  await ask(connection, room, buildConfigSet(room, buildEmptySubmit()));
}

/**
 * §10.1.3 with the muc#roomconfig fields of §15.5.3. public: listed, open, persistent; private: members-only, real JIDs
 * shown to everyone (what OMEMO needs), persistent and unlisted.
 */
export function presetAnswers(preset: Exclude<RoomPreset, 'instant' | 'custom'>, name: string | undefined): FormAnswers {
  const common: FormAnswers = { 'muc#roomconfig_persistentroom': ['1'], ...(name === undefined || name === '' ? {} : { 'muc#roomconfig_roomname': [name] }) };
  if (preset === 'public') {
    return { ...common, 'muc#roomconfig_publicroom': ['1'], 'muc#roomconfig_membersonly': ['0'], 'muc#roomconfig_whois': ['moderators'] };
  }
  return { ...common, 'muc#roomconfig_publicroom': ['0'], 'muc#roomconfig_membersonly': ['1'], 'muc#roomconfig_whois': ['anyone'] };
}

/** §10.9: the room is destroyed; its occupants are told why and where to go. */
export async function destroyRoom(connection: Iq, args: { room: string; reason?: string; alternate?: string; password?: string }): Promise<void> {
  await ask(connection, args.room, buildDestroy(args));
}
