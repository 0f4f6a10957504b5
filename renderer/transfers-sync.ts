// Keeps the transfers slice current: the run's transfers at start, then every transfer.updated event.
import type { Api } from './api.ts';
import { useTransfers } from './stores/transfers.ts';

export function startTransfersSync(api: Api): void {
  api.on('transfer.updated', (transfer) => useTransfers.getState().updated(transfer));
  void api
    .call('transfer.list', {})
    .then((transfers) => useTransfers.getState().loaded(transfers))
    .catch(() => undefined);
}
