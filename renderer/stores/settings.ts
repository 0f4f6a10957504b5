// Settings slice: user settings plus the facts about this installation that the snapshot tells.
import { create } from 'zustand';
import type { Snapshot } from '../../shared/ipc/contract.ts';
import { defaultSettings, type Settings } from '../../shared/model/settings.ts';

export interface SettingsState {
  readonly settings: Settings;
  /** Where a remembered password goes: the OS keychain, or an unencrypted file (browser mode). */
  readonly secretStorage: Snapshot['secretStorage'];
  readonly logFile: string;
  readonly version: string;
}

interface SettingsActions {
  readonly snapshot: (snapshot: Snapshot) => void;
  readonly updated: (settings: Settings) => void;
}

export const useSettings = create<SettingsState & SettingsActions>()((set) => ({
  settings: defaultSettings,
  secretStorage: 'os-keychain',
  logFile: '',
  version: '',
  snapshot: ({ settings, secretStorage, logFile, version }) => set({ settings, secretStorage, logFile, version }),
  updated: (settings) => set({ settings }),
}));

export function selectPasswordsUnencrypted(state: SettingsState): boolean {
  return state.secretStorage === 'plain-file';
}
