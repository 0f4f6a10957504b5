// The shell's words in a given language for tests, over the real catalogues; "system" here means French.
import { createShellWords, type ShellWords } from '../../../electron/i18n/words.ts';
import type { LanguageSetting } from '../../../shared/model/settings.ts';

export function wordsIn(setting: LanguageSetting, system: readonly string[] = ['fr-FR']): ShellWords {
  const words = createShellWords(() => system);
  words.apply(setting);
  return words;
}

export const english = wordsIn('en').t;
export const french = wordsIn('fr').t;
