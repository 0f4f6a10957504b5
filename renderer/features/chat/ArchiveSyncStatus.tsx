// What the catch-up with the server's archive is doing: messages fetched so far, or why it stopped.
import { useArchiveSync } from '../../stores/archive-sync.ts';
import { archiveSyncText } from './archive-sync-text.ts';

export function ArchiveSyncStatus({ accountId }: { readonly accountId: string }) {
  const sync = useArchiveSync((state) => state.byAccount[accountId]);
  return (
    <p className={sync?.status === 'failed' ? 'archive-sync failed' : 'archive-sync'} role="status">
      {archiveSyncText(sync)}
    </p>
  );
}
