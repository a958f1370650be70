import { useEffect, useState } from 'react';
import { useBridge, type StreamState } from '../bridge/index.ts';
import { useFerryQuery } from '../query/ferry-query.ts';

/** Small always-visible facts: where keys go, whether live updates flow, and the version. */
export function StatusArea() {
  const info = useFerryQuery('app.info', {});
  const stream = useStreamState();
  const keychain = info.data?.keychain;
  return (
    <div className="status-area" aria-label="Status" role="group">
      {keychain && (
        <span className={keychain.available ? 'pill pill--ok' : 'pill pill--warn'} title={keychain.message}>
          {keychain.available ? 'Keys in OS keychain' : 'Keys: session only'}
        </span>
      )}
      {stream === 'down' && (
        <span className="pill pill--warn" role="status">
          Live updates paused, reconnecting…
        </span>
      )}
      {info.data && (
        <span className="status-area__version">
          v{info.data.version}
          {info.data.shell === 'web' ? ' · browser mode' : ''}
        </span>
      )}
    </div>
  );
}

function useStreamState(): StreamState {
  const bridge = useBridge();
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => bridge.onStreamState(setState), [bridge]);
  return state;
}
