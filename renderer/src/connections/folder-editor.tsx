import { useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { useBridge } from '../bridge/index.ts';
import { asBridgeError, useFerryMutation } from '../query/ferry-query.ts';
import { TextField } from '../ui/text-field.tsx';
import { useRemoveConnection } from './use-remove-connection.tsx';
import { EditorActions } from './editor-actions.tsx';

export interface FolderEditorProps {
  /** null: a new folder connection. */
  connection: ConnectionView | null;
  initialNotice?: string;
  onSaved: (view: ConnectionView) => void;
  onCancel: () => void;
  onRemoved: (view: ConnectionView) => void;
}

/**
 * Add or edit a folder connection: an org saved as files in a folder, which opens, compares and clones like
 * an org and has no key. The desktop window chooses the folder with the OS dialog; browser mode types a path
 * on the machine that runs Ferry.
 */
export function FolderEditor({ connection, initialNotice, onSaved, onCancel, onRemoved }: FolderEditorProps) {
  const bridge = useBridge();
  const [name, setName] = useState(connection?.name ?? '');
  const [folder, setFolder] = useState(connection?.folder ?? '');
  const [grantId, setGrantId] = useState<string | null>(null);
  const [readOnly, setReadOnly] = useState(connection?.readOnly ?? false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState(initialNotice ?? '');
  const add = useFerryMutation('connections.addFolder', { invalidates: ['connections.list'] });
  const update = useFerryMutation('connections.update', { invalidates: ['connections.list'] });
  const removal = useRemoveConnection(connection, onRemoved);
  const saving = add.isPending || update.isPending;

  const choose = async () => {
    if (!bridge.desktop) return;
    try {
      const chosen = await bridge.desktop.chooseFolder({ title: 'Folder for the saved organization' });
      if (chosen.path) {
        setFolder(chosen.path);
        setGrantId(chosen.grantId ?? null);
      }
    } catch (failure) {
      setError(asBridgeError(failure).message);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const saved = connection
        ? await update.mutateAsync({ id: connection.id, patch: { name, readOnly } })
        : await add.mutateAsync({
            name,
            readOnly,
            ...(grantId ? { folderGrantId: grantId } : { folder }),
          });
      setNotice('Saved.');
      onSaved(saved);
    } catch (failure) {
      setError(asBridgeError(failure).message);
    }
  };

  return (
    <section className="editor" aria-labelledby="editor-heading">
      <header className="editor__header">
        <h2 id="editor-heading" className="editor__title">
          {connection ? connection.name : 'New folder'}
        </h2>
        <span className="badge badge--neutral">Folder</span>
        {connection?.readOnly && <span className="badge badge--neutral">Read-only</span>}
      </header>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          label="Name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNotice('');
          }}
          placeholder="Acme backup"
          autoComplete="off"
        />
        {connection || bridge.desktop ? (
          <div className="field">
            <span className="field__label">Folder</span>
            <p className="field__value">{folder || 'No folder chosen yet.'}</p>
            {!connection && (
              <button type="button" className="button button--small" onClick={() => void choose()}>
                Choose folder…
              </button>
            )}
          </div>
        ) : (
          <TextField
            label="Folder"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="/home/me/acme-backup"
            spellCheck={false}
            hint="A folder on the machine running Ferry: empty or new to save an organization into, or one Ferry saved before. A JSON file of assistants opens read-only."
          />
        )}
        <div className="checkbox">
          <input
            id="folder-read-only"
            type="checkbox"
            checked={readOnly}
            onChange={(e) => setReadOnly(e.target.checked)}
          />
          <label htmlFor="folder-read-only">Read-only</label>
        </div>
        <EditorActions
          error={error}
          saveLabel={connection ? 'Save' : 'Add folder'}
          saving={saving}
          notice={notice}
          onRemove={connection ? removal.ask : undefined}
        >
          {!connection && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </EditorActions>
      </form>
      {removal.dialog}
    </section>
  );
}
