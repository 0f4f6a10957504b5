// What the catch-up with the server's archive is doing: messages fetched so far, or why it stopped.
import { useArchiveSync } from '../../stores/archive-sync.ts';

export function ArchiveSyncStatus({ accountId }: { readonly accountId: string }) {
  const sync = useArchiveSync((state) => state.byAccount[accountId]);
  if (sync?.status === 'syncing') {
    return (
      <p className="archive-sync" role="status">
        {sync.fetched === 0 ? 'Fetching messages from the server…' : `Fetching messages from the server… ${sync.fetched.toLocaleString()} so far`}
      </p>
    );
  }
  if (sync?.status === 'failed') {
    return (
      <p className="archive-sync failed" role="status">
        {`Some messages could not be fetched from the server: ${sync.error ?? 'unknown error'}. They will be fetched at the next sign-in.`}
      </p>
    );
  }
  return <p className="archive-sync" role="status" />;
}
