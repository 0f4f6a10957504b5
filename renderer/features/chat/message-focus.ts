// The message list as one tab stop (a roving tabindex): Up and Down move between messages, Home and End go to the ends of
// what is loaded; Tab goes on into the focused message's own controls (its toolbar), Enter or the menu key go straight to
// them, and Escape comes back out to the message.
import { createContext, useContext, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

/** The tabindex of the controls inside a message: 0 in the message that has the focus, -1 in the others. */
export const MessageControlsTabIndex = createContext<0 | -1>(0);

export function useMessageControlsTabIndex(): 0 | -1 {
  return useContext(MessageControlsTabIndex);
}

function messageAround(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('[data-message-id]') : null;
}

export interface MessageFocus {
  /** The index of the message that is the list's tab stop, when it is one of `ids`. */
  readonly activeIndex: number;
  /** The index of the message holding the focus, which must stay rendered; -1 when none has it. */
  readonly focusedIndex: number;
  /** The message holding the keyboard focus, itself or one of its controls. */
  readonly focusedId: string | undefined;
  /** Makes a message the tab stop (a search hit shown), without moving the focus. */
  readonly activate: (id: string) => void;
  readonly onFocus: (event: FocusEvent) => void;
  readonly onBlur: (event: FocusEvent) => void;
  /** `reveal` scrolls a message into view, loaded or not yet rendered. */
  readonly onKeyDown: (event: KeyboardEvent, reveal: (index: number) => void) => void;
}

export function useMessageFocus(ids: readonly string[], listRef: RefObject<HTMLElement | null>): MessageFocus {
  const [activeId, setActiveId] = useState<string>();
  const [focusedId, setFocusedId] = useState<string>();
  /** A message to focus once it is rendered. */
  const focusNext = useRef<string>(undefined);
  const activeIndex = activeId === undefined ? -1 : ids.indexOf(activeId);
  const focusedIndex = focusedId === undefined ? -1 : ids.indexOf(focusedId);

  useLayoutEffect(() => {
    const id = focusNext.current;
    if (id === undefined) return;
    const element = listRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
    if (!element) return;
    focusNext.current = undefined;
    // The list scrolls it into view itself; the browser's own scroll would fight the virtualizer's.
    element.focus({ preventScroll: true });
  });

  const move = (index: number, reveal: (index: number) => void) => {
    const id = ids[index];
    if (id === undefined) return;
    focusNext.current = id;
    setActiveId(id);
    reveal(index);
  };

  return {
    activeIndex,
    focusedIndex,
    focusedId,
    activate: setActiveId,
    onFocus: (event) => {
      const id = messageAround(event.target)?.dataset.messageId;
      setFocusedId(id);
      if (id !== undefined) setActiveId(id);
    },
    onBlur: (event) => {
      if (!(event.relatedTarget instanceof Node && listRef.current?.contains(event.relatedTarget))) setFocusedId(undefined);
    },
    onKeyDown: (event, reveal) => {
      const message = messageAround(event.target);
      if (!message || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target !== message) {
        if (event.key === 'Escape') {
          event.preventDefault();
          message.focus();
        }
        return;
      }
      const at = ids.indexOf(message.dataset.messageId ?? '');
      const step: Partial<Record<string, number>> = { ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: ids.length - 1 };
      const to = event.shiftKey ? undefined : step[event.key];
      if (to !== undefined) {
        event.preventDefault();
        move(Math.max(0, Math.min(to, ids.length - 1)), reveal);
      } else if (event.key === 'Enter' || event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
        event.preventDefault();
        message.querySelector<HTMLElement>('.message-actions button')?.focus();
      }
    },
  };
}
