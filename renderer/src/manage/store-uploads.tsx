import { useId, useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { VectorStoreView } from '../../../shared/resources.ts';
import { carriesDesktopFiles, FilePickerButton } from './file-picker-button.tsx';
import {
  ChunkingFields,
  DEFAULT_CHUNKING,
  PairsField,
  parseAttributes,
  toChunking,
  type ChunkingDraft,
} from './form-parts.tsx';
import { UploadList } from './upload-list.tsx';
import { useUploads } from './use-uploads.ts';

/** Drop files from the desktop (or pick them) to upload them into the org and add them to this store. */
export function StoreUploads({ connection, store }: { connection: ConnectionView; store: VectorStoreView }) {
  const uploads = useUploads(`${connection.id}:${store.id}`);
  const [attrText, setAttrText] = useState('');
  const [chunking, setChunking] = useState<ChunkingDraft>(DEFAULT_CHUNKING);
  const [optionsError, setOptionsError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const id = useId();
  const blocked = connection.readOnly ? `${connection.name} is read-only.` : null;
  const send = (files: File[]) => {
    if (files.length === 0 || blocked) return;
    const parsed = parseAttributes(attrText);
    if (parsed.error) return setOptionsError(`Attributes: ${parsed.error}`);
    setOptionsError(null);
    const chunk = toChunking(chunking);
    uploads.start(files, {
      connectionId: connection.id,
      purpose: 'assistants',
      vectorStoreId: store.id,
      ...(Object.keys(parsed.attributes).length > 0 ? { attributes: parsed.attributes } : {}),
      ...(chunk ? { chunking: chunk } : {}),
    });
  };
  return (
    <div className="store-uploads">
      <div
        className={over ? 'dropzone dropzone--over' : 'dropzone'}
        aria-describedby={`${id}-hint`}
        onDragOver={(e) => {
          if (!carriesDesktopFiles(e) || blocked) return;
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          if (!carriesDesktopFiles(e)) return;
          e.preventDefault();
          e.stopPropagation();
          setOver(false);
          send(Array.from(e.dataTransfer.files));
        }}
      >
        <p id={`${id}-hint`}>{blocked ?? 'Drop files here to upload them and add them to this store, or'}</p>
        <FilePickerButton
          label="Upload files…"
          inputLabel={`Upload files to ${store.name}`}
          disabled={blocked !== null}
          onFiles={send}
        />
      </div>
      <details className="store-uploads__options">
        <summary>Attributes and chunking for uploads</summary>
        <PairsField
          label="Attributes for uploaded files"
          hint="One key=value per line (optional); numbers and true/false keep their type."
          value={attrText}
          onChange={setAttrText}
        />
        <ChunkingFields value={chunking} onChange={setChunking} />
      </details>
      {optionsError && (
        <p className="pane-message--error" role="alert">
          {optionsError}
        </p>
      )}
      <UploadList items={uploads.items} onClear={uploads.clearFinished} />
    </div>
  );
}
