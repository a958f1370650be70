import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useReturnFocus } from './use-return-focus.ts';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Destructive confirmations get the danger styling and start with focus on Cancel. */
  destructive?: boolean;
  busy?: boolean;
  /** The confirm button waits (Cancel does not): a check the admin must see first is still running. */
  confirmDisabled?: boolean;
  error?: string | null | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  /** False for a dialog that only reports (one button, the confirm label); Escape still closes it. */
  cancellable?: boolean;
  /** A form dialog: wider, so its fields fit without a horizontal scroll. */
  wide?: boolean;
}

/**
 * A modal confirmation on the native <dialog>: showModal() gives the focus trap, the inert background
 * and Escape-to-cancel for free, and Chromium returns focus to the opener when it closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  destructive = false,
  busy = false,
  confirmDisabled = false,
  error,
  onConfirm,
  onCancel,
  cancellable = true,
  wide = false,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  useReturnFocus(ref, open);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Start on the safe choice for destructive actions, so a stray Enter does not delete anything; a form
      // starts on its first field.
      const firstField = destructive
        ? null
        : bodyRef.current?.querySelector<HTMLElement>(
            'input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)',
          );
      (firstField ?? (destructive ? cancelRef.current : confirmRef.current))?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, destructive]);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
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
      <div className="dialog__body" id={bodyId} ref={bodyRef}>
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
          disabled={busy || confirmDisabled}
          aria-busy={busy || undefined}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
