import { useRef, useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView } from '../../../shared/resources.ts';
import { UnusedFilesDialog } from './unused-files-dialog.tsx';
import { UploadList } from './upload-list.tsx';
import { useUploads } from './use-uploads.ts';

export const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

/** The Files tab's tools: filter by purpose, upload (into the chosen purpose), and the unused-files cleanup. */
export function FilesTools({ connection, files, purpose, onPurpose }: { connection: ConnectionView; files: readonly FileView[]; purpose: string; onPurpose: (p: string) => void }) {
  const uploads = useUploads(`${connection.id}:files`);
  const input = useRef<HTMLInputElement>(null);
  const [unused, setUnused] = useState(false);
  const blocked = connection.readOnly ? `${connection.name} is read-only.` : null;
  const present = [...new Set([...PURPOSES, ...files.map((f) => f.purpose)])];
  const uploadPurpose = purpose || 'assistants';
  return (
    <div className="files-tools">
      <div className="files-tools__row">
        <select className="field__input" aria-label="Purpose" value={purpose} onChange={(e) => onPurpose(e.target.value)}>
          <option value="">All purposes</option>
          {present.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <button type="button" className="button button--small" disabled={blocked !== null} title={blocked ?? `Upload files with purpose ${uploadPurpose}`} onClick={() => input.current?.click()}>
          Upload ({uploadPurpose})…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label={`Upload files to ${connection.name}`}
          onChange={(e) => {
            if (e.target.files && e.target.files.length > 0) uploads.start(Array.from(e.target.files), { connectionId: connection.id, purpose: uploadPurpose });
            e.target.value = '';
          }}
        />
        <button type="button" className="button button--small" onClick={() => setUnused(true)}>
          Unused files…
        </button>
      </div>
      <p className="muted files-tools__why">{blocked ?? `Or drop files from your desktop onto the list to upload them as ${uploadPurpose} files.`}</p>
      <UploadList items={uploads.items} onClear={uploads.clearFinished} />
      {unused && <UnusedFilesDialog connection={connection} onDone={() => setUnused(false)} />}
    </div>
  );
}
