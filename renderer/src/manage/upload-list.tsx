import { formatBytes } from '../../../shared/format.ts';
import type { UploadItem } from './use-uploads.ts';

const PHASE: Record<UploadItem['phase'], string> = {
  sending: 'Sending to Ferry',
  uploading: 'Uploading to the API',
  attaching: 'Adding to the store',
  done: 'Uploaded',
  failed: 'Failed',
};

/** Per-file progress: a labelled progress bar for each leg, then the outcome in words. */
export function UploadList({ items, onClear }: { items: readonly UploadItem[]; onClear: () => void }) {
  if (items.length === 0) return null;
  const finished = items.some((i) => i.phase === 'done' || i.phase === 'failed');
  return (
    <section className="uploads" aria-label="Uploads">
      <ul className="uploads__list">
        {items.map((item) => {
          const value =
            item.phase === 'done' ? item.bytesTotal : item.phase === 'attaching' ? item.bytesTotal : item.bytesSent;
          const percent = item.bytesTotal > 0 ? Math.round((value / item.bytesTotal) * 100) : 100;
          return (
            <li key={item.uploadId} className={`upload upload--${item.phase}`}>
              <div className="upload__head">
                <span className="upload__name">{item.filename}</span>
                <span className="upload__state" aria-live="polite">
                  {PHASE[item.phase]}
                  {item.phase === 'sending' || item.phase === 'uploading'
                    ? ` · ${formatBytes(value)} of ${formatBytes(item.bytesTotal)}`
                    : ''}
                  {item.phase === 'done' ? ` · ${formatBytes(item.bytesTotal)}` : ''}
                </span>
              </div>
              {item.phase !== 'failed' && (
                <progress className="upload__bar" aria-label={`Upload of ${item.filename}`} max={100} value={percent}>
                  {percent}%
                </progress>
              )}
              {item.message && item.phase === 'failed' && (
                <p className="warning-inline" role="alert">
                  {item.message}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {finished && (
        <button type="button" className="button button--small" onClick={onClear}>
          Clear finished uploads
        </button>
      )}
    </section>
  );
}
