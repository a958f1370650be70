import type { DragEvent } from 'react';
import type { Side } from '../state/browse-state.ts';

/** What a drag from a pane carries: where it started and which objects. */
export interface ClonePayload {
  side: Side;
  connectionId: string;
  kind: 'assistants' | 'agents' | 'vectorStores';
  ids: string[];
}

export const DRAG_MIME = 'application/x-ferry-clone';

// dataTransfer's data is unreadable until the drop; the panes need to know during dragover whether to
// accept, so the payload is also kept here (drags never cross windows in Ferry).
let current: ClonePayload | null = null;

export function beginDrag(payload: ClonePayload, event: DragEvent): void {
  current = payload;
  event.dataTransfer.effectAllowed = 'copy';
  event.dataTransfer.setData(DRAG_MIME, JSON.stringify(payload));
  event.dataTransfer.setData(
    'text/plain',
    `${payload.ids.length} ${payload.kind === 'assistants' ? 'assistant(s)' : payload.kind === 'agents' ? 'agent(s)' : 'vector store(s)'}`,
  );
}

export function endDrag(): void {
  current = null;
}

/** The drag in progress, if it came from a pane other than `side`. */
export function dragFromOtherPane(side: Side): ClonePayload | null {
  return current && current.side !== side ? current : null;
}

export function readDrop(event: DragEvent, side: Side): ClonePayload | null {
  let payload = current;
  try {
    const raw = event.dataTransfer.getData(DRAG_MIME);
    if (raw) payload = JSON.parse(raw) as ClonePayload;
  } catch {
    // Fall back to the in-window payload.
  }
  current = null;
  return payload && payload.side !== side && payload.ids.length > 0 ? payload : null;
}
