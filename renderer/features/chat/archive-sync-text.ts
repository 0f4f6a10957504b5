// The words for the XEP-0313 catch-up's progress; empty when there is nothing to say.
import type { ArchiveSync } from '../../../shared/model/message.ts';

export function archiveSyncText(sync: ArchiveSync | undefined): string {
  if (sync?.status === 'syncing') {
    return sync.fetched === 0 ? 'Fetching messages from the server…' : `Fetching messages from the server… ${sync.fetched.toLocaleString('en')} so far`;
  }
  if (sync?.status === 'failed') {
    return `Some messages could not be fetched from the server: ${(sync.error ?? 'unknown error').replace(/\.$/, '')}. They will be fetched at the next sign-in.`;
  }
  return '';
}
