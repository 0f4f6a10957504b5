// UI slice: what this window is doing — loading, the link to Causette, the sign-in under way, open panels.
import { create } from 'zustand';
import type { LinkState } from '../link.ts';

export type Boot = { readonly status: 'loading' } | { readonly status: 'ready' } | { readonly status: 'failed'; readonly message: string };

export interface UiState {
  readonly boot: Boot;
  readonly link: LinkState;
  /** The account being signed in from the welcome screen; it stays there until the account is online. */
  readonly signingIn: string | undefined;
  /** The welcome screen was opened to add another account. */
  readonly addingAccount: boolean;
  /** A welcome form's command is on its way: the screen stays, though the account it adds may be listed before the answer. */
  readonly welcomeHeld: boolean;
  readonly settingsOpen: boolean;
  /** The contact whose details are shown, by account and bare JID; over the conversation, which comes back when they close. */
  readonly openContact: { readonly accountId: string; readonly jid: string } | undefined;
  /** The conversation shown, by account and the peer's bare JID; with a message to scroll to and highlight (a search hit). */
  readonly openChat: { readonly accountId: string; readonly peer: string; readonly focusMessageId?: string } | undefined;
  /** Certificates the user declined to trust, as "accountId fingerprint", so the prompt does not come back at once. */
  readonly declinedCertificates: readonly string[];
}

interface UiActions {
  readonly setBoot: (boot: Boot) => void;
  readonly setLink: (link: LinkState) => void;
  readonly startSignIn: (accountId: string) => void;
  /** The sign-in reached "online" (or was given up): back to the main window. */
  readonly finishSignIn: () => void;
  /** The account being signed in is gone; the welcome screen stays for another try. */
  readonly forgetSignIn: (accountId: string) => void;
  readonly setAddingAccount: (adding: boolean) => void;
  readonly holdWelcome: (held: boolean) => void;
  readonly setSettingsOpen: (open: boolean) => void;
  /** Shows the contact's details in place of the conversation, which stays open beneath. */
  readonly showContact: (accountId: string, jid: string) => void;
  readonly closeContact: () => void;
  /** Shows the conversation with the peer (in place of any contact details). */
  readonly showChat: (accountId: string, peer: string, focusMessageId?: string) => void;
  readonly closeChat: () => void;
  readonly declineCertificate: (accountId: string, fingerprint256: string) => void;
  /** A new attempt to connect may show the prompt again. */
  readonly forgetDeclined: (accountId: string) => void;
}

export const certificateKey = (accountId: string, fingerprint256: string) => `${accountId} ${fingerprint256}`;

export const useUi = create<UiState & UiActions>()((set) => ({
  boot: { status: 'loading' },
  link: 'connecting',
  signingIn: undefined,
  addingAccount: false,
  welcomeHeld: false,
  settingsOpen: false,
  openContact: undefined,
  openChat: undefined,
  declinedCertificates: [],
  setBoot: (boot) => set({ boot }),
  setLink: (link) => set({ link }),
  startSignIn: (accountId) => set({ signingIn: accountId }),
  finishSignIn: () => set({ signingIn: undefined, addingAccount: false }),
  forgetSignIn: (accountId) => set((state) => (state.signingIn === accountId ? { signingIn: undefined } : {})),
  setAddingAccount: (addingAccount) => set({ addingAccount, settingsOpen: false }),
  holdWelcome: (welcomeHeld) => set({ welcomeHeld }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  showContact: (accountId, jid) => set({ openContact: { accountId, jid } }),
  closeContact: () => set({ openContact: undefined }),
  showChat: (accountId, peer, focusMessageId) =>
    set({ openChat: { accountId, peer, ...(focusMessageId === undefined ? {} : { focusMessageId }) }, openContact: undefined }),
  closeChat: () => set({ openChat: undefined }),
  declineCertificate: (accountId, fingerprint256) =>
    set((state) => ({ declinedCertificates: [...state.declinedCertificates, certificateKey(accountId, fingerprint256)] })),
  forgetDeclined: (accountId) =>
    set((state) => ({ declinedCertificates: state.declinedCertificates.filter((key) => !key.startsWith(`${accountId} `)) })),
}));
