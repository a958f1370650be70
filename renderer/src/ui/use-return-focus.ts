import { useLayoutEffect, type RefObject } from 'react';

/**
 * Gives focus back to the control that opened a dialog when the dialog goes away. A native <dialog>
 * closed with close() does that itself, but one React unmounts while open leaves focus on <body>, which a
 * keyboard user then has to find their way back from. Call it in the dialog component with the dialog's ref: it notes the focused
 * element when the dialog mounts, and refocuses it (if it is still on the page) when the dialog unmounts.
 */
export function useReturnFocus(dialog: RefObject<HTMLDialogElement | null>): void {
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const element = dialog.current;
    return () => {
      // A modal dialog still open makes the page behind it inert: close it first, or the focus is refused.
      if (element?.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [dialog]);
}
