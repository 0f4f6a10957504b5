// What a Jingle session's end (XEP-0166 §7.4 reason) means for its transfer: done, cancelled (by whom), or failed with a
// typed error; and which ends leave a transfer that can go on from the bytes already there (XEP-0234 §6.4).
import type { Transfer } from '../../../../shared/model/transfer.ts';
import type { Party, Reason } from '../session-machine.ts';

export type Outcome = Pick<Transfer, 'state' | 'error' | 'resumable'>;

export function outcomeOf(reason: Reason, by: Party): Outcome {
  if (reason === 'success') return { state: 'done' };
  if (reason === 'cancel' || (by === 'local' && reason === 'decline')) return { state: 'cancelled' };
  if (reason === 'decline') return { state: 'cancelled', error: { code: 'declined', message: 'The file was declined.' } };
  // XEP-0391 §7: the peer could not (or would not) decrypt what we sent.
  if (reason === 'security-error') return { state: 'failed', error: { code: 'transfer-failed', message: 'The other side could not decrypt the file.', params: { context: 'securityError' } } };
  // The peer's side is gone: it closed, or its device went offline (its unavailable presence, RFC 6121 §4.5.3).
  if (reason === 'gone' && by === 'remote') return { state: 'failed', error: { code: 'transfer-failed', message: 'The other side went offline.', params: { context: 'peerOffline' } } };
  if (reason === 'timeout') return { state: 'failed', error: { code: 'timeout', message: 'The transfer took too long.', params: { context: 'transfer' } } };
  return { state: 'failed', error: { code: 'transfer-failed', message: `The transfer failed (${reason}).`, params: { reason } } };
}

/** Ends that broke a transfer on the way (a transport, a connection, a side gone) rather than refused or finished it. */
const INTERRUPTIONS: readonly Reason[] = ['connectivity-error', 'expired', 'failed-transport', 'general-error', 'gone', 'timeout'];
export const interrupts = (reason: Reason): boolean => INTERRUPTIONS.includes(reason);
