// Files the user dropped, picked or pasted, sent to a conversation: each handed to the host (which gives a token), then
// uploaded by the core (XEP-0363); the progress comes back as transfer.updated events.
import { call, messageOf, shareFile } from '../../api.ts';

/** Resolves to the reasons of the files that could not even start, worded for the user. */
export async function sendFiles(accountId: string, peer: string, files: readonly File[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    try {
      const chosen = await shareFile(file);
      await call('transfer.upload', { accountId, peer, file: chosen.token });
    } catch (failure) {
      problems.push(`${file.name}: ${messageOf(failure)}`);
    }
  }
  return problems;
}
