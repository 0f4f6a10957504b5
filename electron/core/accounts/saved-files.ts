// Where a file received in this run is on disk: a shared link's download, or a file received by Jingle (XEP-0234), once
// it is done; the desktop shell opens it, the browser-mode host serves a copy of it to the page.
import type { Downloads } from '../transfers/download/download.ts';
import type { Transfers } from '../transfers/transfers.ts';
import type { AccountService } from './account-service.ts';

export interface SavedFileDeps {
  readonly accounts: AccountService;
  readonly transfers: Transfers;
  readonly downloads: Downloads;
}

/** The path of a finished incoming transfer's file; undefined for any other id. */
export function savedFileOf({ accounts, transfers, downloads }: SavedFileDeps): (transferId: string) => string | undefined {
  return (transferId) => {
    const transfer = transfers.list().find((each) => each.id === transferId);
    if (!transfer || transfer.direction !== 'in' || transfer.state !== 'done') return undefined;
    if (transfer.method === 'upload') return downloads.pathOf(transferId);
    return accounts.entry(transfer.accountId).session?.jingle?.savedPath(transferId);
  };
}
