// A modal dialog on the native <dialog>: the browser traps focus, makes the rest inert and handles Escape.
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

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
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
