import { useId } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { describeKeyStatus } from './key-status.ts';
import { HealthDot } from './connection-health.tsx';

export interface ConnectionListProps {
  connections: readonly ConnectionView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/**
 * One row per connection. The row's button is named by the connection's name alone (the details are
 * its description), so "Acme Production" is what a screen reader and a test both find; a CSS overlay
 * makes the whole row clickable.
 */
export function ConnectionList({ connections, selectedId, onSelect }: ConnectionListProps) {
  const baseId = useId();
  return (
    <ul className="connection-list" aria-label="Connections">
      {connections.map((connection) => {
        const detailsId = `${baseId}-${connection.id}`;
        const status = describeKeyStatus(connection);
        const scope = [connection.organization, connection.project].filter(Boolean).join(' / ');
        const selected = connection.id === selectedId;
        return (
          <li
            key={connection.id}
            className={selected ? 'connection-row connection-row--selected' : 'connection-row'}
            aria-label={connection.name}
          >
            <button
              type="button"
              className="connection-row__name"
              aria-current={selected ? 'true' : undefined}
              aria-describedby={detailsId}
              onClick={() => onSelect(connection.id)}
            >
              {connection.name}
            </button>
            {connection.readOnly && <span className="badge badge--neutral connection-row__badge">Read-only</span>}
            <div className="connection-row__details" id={detailsId}>
              <span className="connection-row__url">{connection.baseUrl}</span>
              <span className="connection-row__scope">{scope || 'Default organization and project'}</span>
              <span className="connection-row__key">
                <code className="fingerprint" title="Key fingerprint">
                  {connection.fingerprint ?? 'no key'}
                </code>
                <span className={`key-status key-status--${status.tone}`}>{status.text}</span>
                <HealthDot id={connection.id} />
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
