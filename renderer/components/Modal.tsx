// A modal dialog on the native <dialog>: the browser makes the rest inert and handles Escape; Tab cycles inside it.
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * WAI-ARIA dialog pattern: Tab from the last control goes to the first and Shift+Tab from the first to the last,
 * instead of leaving for the browser's own controls as a native modal dialog lets it.
 */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(focusable)].filter((element) => element.getClientRects().length > 0);
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

interface ModalProps {
  /** The id of the dialog's heading, which names it. */
  readonly titleId: string;
  readonly describedBy?: string;
  /** Escape or a close button: the parent decides, since it owns whether the dialog is shown. */
  readonly onCancel: () => void;
  /** What gets focus when the dialog opens; the first control otherwise. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly className?: string;
  readonly children: ReactNode;
}

export function Modal({ titleId, describedBy, onCancel, initialFocus, className, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Focus goes back where it was, if that control is still on the page.
      if (previous?.isConnected) previous.focus();
    };
  }, [initialFocus]);

  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      className={['modal', className].filter(Boolean).join(' ')}
      onKeyDown={keepFocusInside}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
