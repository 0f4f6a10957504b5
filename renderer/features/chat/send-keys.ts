// What Enter does in the message box, by the "Send a message with" setting: Shift+Enter always breaks the line.
import type { SendWith } from '../../../shared/model/settings.ts';

export interface EnterPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** 'send', or undefined when the key is left to the box (a line break, or not Enter at all). */
export function enterAction(press: EnterPress, sendWith: SendWith): 'send' | undefined {
  if (press.key !== 'Enter' || press.shiftKey || press.altKey) return undefined;
  if (press.ctrlKey || press.metaKey) return 'send';
  return sendWith === 'enter' ? 'send' : undefined;
}

/** The modifier as the keyboard names it: ⌘ on a Mac, Ctrl elsewhere. */
export function ctrlName(platform: string = navigator.platform): string {
  return /^Mac|^iP/.test(platform) ? '⌘' : 'Ctrl';
}
