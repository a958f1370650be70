import { useState } from 'react';

export const pretty = (value: unknown) => JSON.stringify(value, null, 2) ?? 'null';

/** Pretty JSON in a scrollable block. */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre className="json" aria-label={label} tabIndex={0}>
      {pretty(value)}
    </pre>
  );
}

/** The object exactly as the server sent it, with copy to the clipboard. */
export function RawJson({ value, what }: { value: unknown; what: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(pretty(value));
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section className="inspector__section">
      <div className="inspector__section-head">
        <h3 className="inspector__heading">Raw JSON</h3>
        <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide JSON' : 'Show JSON'}
        </button>
        <button type="button" className="button button--small" onClick={() => void copy()}>
          Copy JSON
        </button>
        <span className="inspector__copied" role="status">
          {copied === 'done'
            ? `Copied the ${what} as JSON.`
            : copied === 'failed'
              ? 'This window may not use the clipboard; select the JSON and copy it.'
              : ''}
        </span>
      </div>
      {open && <JsonBlock value={value} label={`${what} as JSON`} />}
    </section>
  );
}
