// Nothing from the other side is used before the contract's schemas have checked it.
import { z } from 'zod';
import {
  commands,
  events,
  isEventName,
  type CommandName,
  type CommandResponse,
  type Envelope,
  type EventName,
  type EventPayload,
} from '../shared/ipc/contract.ts';
import { AppErrorSchema, type AppError } from '../shared/ipc/errors.ts';
import { ChosenFileSchema, type ChosenFile } from '../shared/model/transfer.ts';
import { savedPath } from '../shared/ipc/wire.ts';

const EnvelopeShape = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);

export const unreadableAnswer: AppError = {
  code: 'internal',
  message: 'Causette sent an answer this window does not understand. Restarting Causette may help.',
};

/** Checks a command's answer against the contract; a malformed answer becomes an error value. */
export function parseEnvelope<K extends CommandName>(name: K, raw: unknown): Envelope<CommandResponse<K>> {
  const envelope = EnvelopeShape.safeParse(raw);
  if (!envelope.success) return { ok: false, error: unreadableAnswer };
  if (!envelope.data.ok) return { ok: false, error: envelope.data.error };
  const schema: z.ZodType = commands[name].response;
  const value = schema.safeParse(envelope.data.value);
  // TypeScript cannot follow the name to its schema's type; the schema for K just checked it.
  return value.success ? { ok: true, value: value.data as CommandResponse<K> } : { ok: false, error: unreadableAnswer };
}

/** The host's answer to a chosen file (Bridge.shareFile), checked like a command's. */
export function parseFileEnvelope(raw: unknown): Envelope<ChosenFile> {
  return parseHostEnvelope(raw, ChosenFileSchema);
}

/** The browser-mode host's one-time address of a received file's copy (RawBridge.saveCopy), a same-origin path. */
export function parseSaveEnvelope(raw: unknown): Envelope<string> {
  return parseHostEnvelope(raw, z.string().startsWith(savedPath));
}

function parseHostEnvelope<T>(raw: unknown, schema: z.ZodType<T>): Envelope<T> {
  const envelope = EnvelopeShape.safeParse(raw);
  if (!envelope.success) return { ok: false, error: unreadableAnswer };
  if (!envelope.data.ok) return { ok: false, error: envelope.data.error };
  const value = schema.safeParse(envelope.data.value);
  return value.success ? { ok: true, value: value.data } : { ok: false, error: unreadableAnswer };
}

/** Checks an event against the contract; undefined when its name or payload is not what the contract says. */
export function parseEvent<K extends EventName>(name: K, raw: unknown): EventPayload<K> | undefined {
  if (!isEventName(name)) return undefined;
  const schema: z.ZodType = events[name];
  const payload = schema.safeParse(raw);
  return payload.success ? (payload.data as EventPayload<K>) : undefined;
}
