// Per account, how the XEP-0313 catch-up is going, from chat.archiveSync events.
import { create } from 'zustand';
import type { ArchiveSync } from '../../shared/model/message.ts';

interface ArchiveSyncState {
  readonly byAccount: Readonly<Record<string, ArchiveSync>>;
  readonly set: (accountId: string, sync: ArchiveSync) => void;
}

export const useArchiveSync = create<ArchiveSyncState>()((set) => ({
  byAccount: {},
  set: (accountId, sync) => set((state) => ({ byAccount: { ...state.byAccount, [accountId]: sync } })),
}));
