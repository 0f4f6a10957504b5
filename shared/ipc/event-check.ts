// Whether an outgoing event's payload is what the contract says, for the core's check in tests and development builds.
import { events, isEventName } from './contract.ts';

/** Why the payload does not match the event's schema (the first issue, with its path), or undefined when it does. */
export function eventMismatch(name: string, payload: unknown): string | undefined {
  if (!isEventName(name)) return `${JSON.stringify(name.slice(0, 64))} is not an event of the contract`;
  const parsed = events[name].safeParse(payload);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid'}`;
}
