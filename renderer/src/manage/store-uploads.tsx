import { useId, useRef, useState, type DragEvent } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { VectorStoreView } from '../../../shared/resources.ts';
import { UploadList } from './upload-list.tsx';
import { useUploadUnavailable, useUploads } from './use-uploads.ts';

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/** Drop files from the desktop (or pick them) to upload them into the org and add them to this store. */
export function StoreUploads({ connection, store }: { connection: ConnectionView; store: VectorStoreView }) {
  const uploads = useUploads();
  const unavailable = useUploadUnavailable();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const id = useId();
  const blocked = connection.readOnly ? `${connection.name} is read-only.` : unavailable;
  const send = (files: FileList | null) => {
    if (!files || files.length === 0 || blocked) return;
    uploads.start(Array.from(files), { connectionId: connection.id, purpose: 'assistants', vectorStoreId: store.id });
  };
  return (
    <div className="store-uploads">
      <div
        className={over ? 'dropzone dropzone--over' : 'dropzone'}
        aria-describedby={`${id}-hint`}
        onDragOver={(e) => {
          if (!hasFiles(e) || blocked) return;
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.stopPropagation();
          setOver(false);
          send(e.dataTransfer.files);
        }}
      >
        <p id={`${id}-hint`}>{blocked ?? 'Drop files here to upload them and add them to this store, or'}</p>
        <button type="button" className="button button--small" disabled={blocked !== null} onClick={() => input.current?.click()}>
          Upload files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label={`Upload files to ${store.name}`}
          onChange={(e) => {
            send(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <UploadList items={uploads.items} onClear={uploads.clearFinished} />
    </div>
  );
}
