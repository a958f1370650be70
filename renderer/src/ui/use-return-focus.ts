import { useLayoutEffect, type RefObject } from 'react';

/**
 * Gives focus back to the control that opened a dialog when the dialog goes away. A native <dialog>
 * closed with close() does that itself, but one React unmounts while open leaves focus on <body>, which a
 * keyboard user then has to find their way back from. Call it in the dialog component with the dialog's
 * ref (and whether it is open): it notes the focused element as the dialog opens, and refocuses it (if it
 * is still on the page and enabled) when the dialog closes or unmounts.
 */
export function useReturnFocus(dialog: RefObject<HTMLDialogElement | null>, open = true): void {
  useLayoutEffect(() => {
    if (!open) return;
    const opener =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body
        ? document.activeElement
        : null;
    const element = dialog.current;
    return () => {
      // A modal dialog still open makes the page behind it inert: close it first, or the focus is refused.
      if (element?.open) element.close();
      if (opener?.isConnected && !opener.matches(':disabled')) opener.focus();
    };
  }, [dialog, open]);
}
