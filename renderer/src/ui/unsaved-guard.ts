import { useEffect } from 'react';

/** The one editor with unsaved changes, if any: its question before the admin leaves it. */
let pending: { question: string } | null = null;

/**
 * Asks before unsaved edits are thrown away (selecting another row, Cancel, Escape, closing the tab).
 * Answers true when there is nothing to lose or the admin agrees to lose it.
 */
export function confirmDiscard(): boolean {
  if (!pending) return true;
  const agreed = window.confirm(pending.question);
  if (agreed) pending = null;
  return agreed;
}

/** Registers an editor's unsaved changes while `dirty`; the page also asks before it is closed. */
export function useUnsavedGuard(dirty: boolean, question: string): void {
  useEffect(() => {
    if (!dirty) return;
    const mine = { question };
    pending = mine;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      if (pending === mine) pending = null;
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, question]);
}
