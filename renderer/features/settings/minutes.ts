// The idle-minutes fields of the settings: whole minutes from 0 (off) to 1440 (a day), as the contract allows.

import { i18n } from '../../i18n/index.ts';

export const maxMinutes = 1440;

/** The number typed, or a sentence saying what is wrong with it. */
export function parseMinutes(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(value) || value < 0 || value > maxMinutes) {
    return i18n.t('settings.minutesInvalid', { max: maxMinutes });
  }
  return value;
}
