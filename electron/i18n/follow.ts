// Keeps the shell's words in the language the settings choose: the core's settings.updated event.
import type { Core } from '../core/core-api.ts';
import { onCoreEvents } from '../tray/core-events.ts';
import type { ShellWords } from './words.ts';

/** Calls `onChange` after the language changed, so the tray and badge redraw; returns the way to stop. */
export function followLanguage(core: Pick<Core, 'onEvent'>, words: ShellWords, onChange: () => void): () => void {
  return onCoreEvents(core, {
    'settings.updated': (settings) => {
      if (words.apply(settings.language)) onChange();
    },
  });
}
