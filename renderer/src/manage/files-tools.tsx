import { useMemo, useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FileView } from '../../../shared/resources.ts';
import { FilePickerButton } from './file-picker-button.tsx';
import { UnusedFilesDialog } from './unused-files-dialog.tsx';
import { UploadList } from './upload-list.tsx';
import { useUploads } from './use-uploads.ts';

export const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

/** The Files tab's tools: filter by purpose, upload (into the chosen purpose), and the unused-files cleanup. */
export function FilesTools({
  connection,
  files,
  purpose,
  onPurpose,
}: {
  connection: ConnectionView;
  files: readonly FileView[];
  purpose: string;
  onPurpose: (p: string) => void;
}) {
  const uploads = useUploads(`${connection.id}:files`);
  const [unused, setUnused] = useState(false);
  const blocked = connection.readOnly ? `${connection.name} is read-only.` : null;
  // Once per list, not per render: the pane draws again on each keystroke, and an org may hold 100,000 files.
  const present = useMemo(() => {
    const seen = new Set<string>(PURPOSES);
    for (const f of files) seen.add(f.purpose);
    return [...seen];
  }, [files]);
  const uploadPurpose = purpose || 'assistants';
  return (
    <div className="files-tools">
      <div className="files-tools__row">
        <select
          className="field__input"
          aria-label="Purpose"
          value={purpose}
          onChange={(e) => onPurpose(e.target.value)}
        >
          <option value="">All purposes</option>
          {present.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <FilePickerButton
          label={`Upload (${uploadPurpose})…`}
          inputLabel={`Upload files to ${connection.name}`}
          disabled={blocked !== null}
          title={blocked ?? `Upload files with purpose ${uploadPurpose}`}
          onFiles={(chosen) => uploads.start(chosen, { connectionId: connection.id, purpose: uploadPurpose })}
        />
        <button type="button" className="button button--small" onClick={() => setUnused(true)}>
          Unused files…
        </button>
      </div>
      <p className="muted files-tools__why">
        {blocked ?? `Or drop files from your desktop onto the list to upload them as ${uploadPurpose} files.`}
      </p>
      <UploadList items={uploads.items} onClear={uploads.clearFinished} />
      {unused && <UnusedFilesDialog connection={connection} onDone={() => setUnused(false)} />}
    </div>
  );
}
