import { useFerryMutation } from '../query/ferry-query.ts';

/**
 * "Try with demo organizations": starts Ferry's built-in sandbox organizations inside the app and adds a
 * connection for each, so a new admin can browse and drag-to-clone before entering any real key.
 */
export function DemoButton({ primary = false, onStarted }: { primary?: boolean; onStarted?: () => void }) {
  const start = useFerryMutation('demo.start', { invalidates: ['connections.list'] });
  return (
    <span className="demo-button">
      <button
        type="button"
        className={primary ? 'button button--primary' : 'button'}
        disabled={start.isPending}
        aria-busy={start.isPending || undefined}
        onClick={() => start.mutate({}, { onSuccess: () => onStarted?.() })}
      >
        {start.isPending ? 'Starting demo organizations…' : 'Try with demo organizations'}
      </button>
      {start.isError && (
        <span className="demo-button__error" role="alert">
          Could not start the demo organizations. {start.error.message}
        </span>
      )}
    </span>
  );
}
