// Whether closing the window hides it to the tray: the user's closeToTray setting, a tray to come back from, and not quitting.
import type { Settings } from '../../shared/model/settings.ts';
import type { Core } from '../core/core-api.ts';
import { onCoreEvents } from './core-events.ts';

export interface ClosePolicy {
  readonly hidesOnClose: () => boolean;
  /** A real quit is under way (tray's Quit, the app menu, the OS ending the session): closing must close. */
  readonly markQuitting: () => void;
  readonly quitting: boolean;
  readonly dispose: () => void;
}

export function createClosePolicy(core: Pick<Core, 'onEvent'>, settings: Pick<Settings, 'closeToTray'>, hasTray: () => boolean): ClosePolicy {
  let closeToTray = settings.closeToTray;
  let quitting = false;
  const unsubscribe = onCoreEvents(core, {
    'settings.updated': (updated) => {
      closeToTray = updated.closeToTray;
    },
  });
  return {
    hidesOnClose: () => closeToTray && !quitting && hasTray(),
    markQuitting: () => {
      quitting = true;
    },
    get quitting() {
      return quitting;
    },
    dispose: unsubscribe,
  };
}
