import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Destructive confirmations get the danger styling and start with focus on Cancel. */
  destructive?: boolean;
  busy?: boolean;
  error?: string | null | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  /** False for a dialog that only reports (one button, the confirm label); Escape still closes it. */
  cancellable?: boolean;
}

/**
 * A modal confirmation on the native <dialog>: showModal() gives the focus trap, the inert background
 * and Escape-to-cancel for free, and Chromium returns focus to the opener when it closes.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, destructive = false, busy = false, error, onConfirm, onCancel, cancellable = true }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Start on the safe choice for destructive actions, so a stray Enter does not delete anything.
      (destructive ? cancelRef.current : confirmRef.current)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, destructive]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape fires "cancel"; keep React's state the source of truth instead of letting it close itself.
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 className="dialog__title" id={titleId}>
        {title}
      </h2>
      <div className="dialog__body" id={bodyId}>
        {children}
      </div>
      {error && (
        <p className="dialog__error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        {cancellable && (
          <button ref={cancelRef} type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        <button
          ref={confirmRef}
          type="button"
          className={destructive ? 'button button--danger' : 'button button--primary'}
          onClick={onConfirm}
          disabled={busy}
          aria-busy={busy || undefined}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
