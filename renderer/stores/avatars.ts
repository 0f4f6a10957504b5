// Avatar images by hash (data: URLs from avatar.get, fetched once per hash) and each account's own avatar hash.
import { create } from 'zustand';
import { call } from '../api.ts';

export interface AvatarsState {
  /** A hash's image as a data: URL, or null when the core has none; absent while not asked for yet. */
  readonly images: Readonly<Record<string, string | null>>;
  /** Our published avatar per account, when known. */
  readonly own: Readonly<Record<string, string | undefined>>;
}

const asked = new Set<string>();

export const useAvatars = create<AvatarsState>()(() => ({ images: {}, own: {} }));

/** Asks the core for a hash's image once; the image is the same whichever account asks. */
export function ensureAvatar(accountId: string, hash: string): void {
  if (asked.has(hash)) return;
  asked.add(hash);
  call('avatar.get', { accountId, hash }).then(
    ({ dataUrl }) => useAvatars.setState((state) => ({ images: { ...state.images, [hash]: dataUrl } })),
    // Not in the core's cache: the initials stay until the contact's hash changes.
    () => {
      asked.delete(hash);
      useAvatars.setState((state) => ({ images: { ...state.images, [hash]: null } }));
    },
  );
}

export function setOwnAvatar(accountId: string, hash: string | undefined): void {
  useAvatars.setState((state) => ({ own: { ...state.own, [accountId]: hash } }));
}
