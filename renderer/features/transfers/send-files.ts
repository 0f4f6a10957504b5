// Files the user dropped, picked or pasted, sent to a conversation: each handed to the host (which gives a token), then
// sent by the core, by Jingle (XEP-0234) to a contact's device that takes it, else uploaded (XEP-0363); the progress
// comes back as transfer.updated events. The token is kept so that a failed transfer can be tried again.
import type { Transfer } from '../../../shared/model/transfer.ts';
import { call, messageOf, shareFile } from '../../api.ts';
import { useTransfers } from '../../stores/transfers.ts';

/** The chosen file behind each transfer we started, by transfer id (the host forgets tokens after an hour). */
const sources = new Map<string, { readonly accountId: string; readonly peer: string; readonly token: string }>();

async function start(accountId: string, peer: string, token: string): Promise<Transfer> {
  const transfer = await call('transfer.send', { accountId, peer, file: token, method: 'auto' });
  sources.set(transfer.id, { accountId, peer, token });
  // Not put in the slice from here: its events (which may come before this answer) carry it there, the latest state last.
  return transfer;
}

/** Resolves to the reasons of the files that could not even start, worded for the user. */
export async function sendFiles(accountId: string, peer: string, files: readonly File[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    try {
      const chosen = await shareFile(file);
      await start(accountId, peer, chosen.token);
    } catch (failure) {
      problems.push(`${file.name}: ${messageOf(failure)}`);
    }
  }
  return problems;
}

/** Files dropped on a conversation or a contact in the list: what could not start is said in that conversation. */
export function sendDropped(accountId: string, peer: string, files: readonly File[]): void {
  useTransfers.getState().setProblem(accountId, peer, undefined);
  void sendFiles(accountId, peer, files).then((problems) => {
    if (problems.length > 0) useTransfers.getState().setProblem(accountId, peer, problems.join('\n'));
  });
}

/** Whether this transfer can be tried again from here: one we sent, that did not arrive. */
export const mayRetry = (transfer: Transfer): boolean => sources.has(transfer.id) && (transfer.state === 'failed' || transfer.state === 'cancelled');

/** Sends the same file again; the failed transfer is dismissed from its conversation. */
export async function retry(transfer: Transfer): Promise<void> {
  const source = sources.get(transfer.id);
  if (!source) return;
  await start(source.accountId, source.peer, source.token);
  useTransfers.getState().dismiss(transfer.id);
}
