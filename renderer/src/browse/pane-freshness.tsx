import { useEffect, useState } from 'react';

/** "just now", "12 s ago", "3 min ago": how old a list is, in words. */
export function ageInWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

/** A clock that ticks every few seconds, so an "updated … ago" line stays true without re-rendering the list. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * When the pane's list was read, and a Refresh button (Ctrl/Cmd+R and F5 do the same, and the lists are
 * read again when the window regains focus). A list is only as true as its last read, so the pane says it.
 */
export function PaneFreshness({
  updatedAt,
  refreshing,
  failed,
  onRefresh,
}: {
  updatedAt: number;
  refreshing: boolean;
  failed: boolean;
  onRefresh: () => void;
}) {
  const now = useNow(5_000);
  const text = refreshing
    ? 'Refreshing…'
    : updatedAt === 0
      ? 'Not read yet'
      : `${failed ? 'Last tried' : 'Updated'} ${ageInWords(now - updatedAt)}`;
  return (
    <div className="pane__freshness">
      <span role="status" aria-label="List freshness">
        {text}
      </span>
      <button
        type="button"
        className="button button--small"
        onClick={onRefresh}
        disabled={refreshing}
        title="Read the lists again (Ctrl+R or F5)"
      >
        Refresh
      </button>
    </div>
  );
}
