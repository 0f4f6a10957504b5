// Changing settings from a section of the dialog: the core's answer goes to the store, a refusal to the section's alert.
import { useState } from 'react';
import type { Settings } from '../../../shared/model/settings.ts';
import { call, messageOf } from '../../api.ts';
import { useSettings } from '../../stores/settings.ts';

export function useSettingsUpdate(): { readonly update: (changes: Partial<Settings>) => Promise<void>; readonly error: string | undefined } {
  const [error, setError] = useState<string>();
  async function update(changes: Partial<Settings>) {
    setError(undefined);
    try {
      useSettings.getState().updated(await call('settings.update', changes));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }
  return { update, error };
}
