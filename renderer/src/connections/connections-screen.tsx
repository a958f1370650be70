import { useEffect, useRef, useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { ConnectionEditor } from './connection-editor.tsx';
import { ConnectionList } from './connection-list.tsx';
import { DemoButton } from './demo-button.tsx';
import { FolderEditor } from './folder-editor.tsx';
import { OrganizationForm } from './organization-form.tsx';
import { OrganizationsSection } from './organizations-section.tsx';

type Selection =
  | { mode: 'none' }
  | { mode: 'new' }
  | { mode: 'new-organization' }
  | { mode: 'new-folder' }
  | { mode: 'edit'; id: string; notice?: string };

/** The Connections screen: the list on the left, the selected (or new) connection on the right. */
export function ConnectionsScreen({ onDemoStarted }: { onDemoStarted?: () => void } = {}) {
  const info = useFerryQuery('app.info', {});
  const list = useFerryQuery('connections.list', {});
  const organizations = useFerryQuery('organizations.list', {}).data ?? [];
  const [selection, setSelection] = useState<Selection>({ mode: 'none' });
  const headingRef = useRef<HTMLHeadingElement>(null);

  const connections = list.data ?? [];
  // Projects opened from an organization are listed under it, not among the other connections.
  const standalone = connections.filter((c) => !c.organizationLink);
  const anything = connections.length > 0 || organizations.length > 0;
  const selected = selection.mode === 'edit' ? connections.find((c) => c.id === selection.id) : undefined;

  // The connection may vanish under us (removed by the CLI or another window): fall back to nothing.
  useEffect(() => {
    if (selection.mode === 'edit' && list.isSuccess && !selected) setSelection({ mode: 'none' });
  }, [selection, selected, list.isSuccess]);

  // After a removal the Remove button is gone with the editor (and its modal dialog), so put focus
  // somewhere meaningful instead of <body>. It must wait for that commit: while the modal is still
  // open, everything outside it is inert and cannot take focus.
  const focusHeading = useRef(false);
  useEffect(() => {
    if (!focusHeading.current || selection.mode !== 'none') return;
    focusHeading.current = false;
    headingRef.current?.focus();
  }, [selection]);

  const onRemoved = () => {
    focusHeading.current = true;
    setSelection({ mode: 'none' });
  };

  return (
    <div className="connections">
      <section className="connections__list-pane" aria-labelledby="connections-heading">
        <header className="pane-header">
          <h1 id="connections-heading" className="pane-header__title" ref={headingRef} tabIndex={-1}>
            Connections
          </h1>
          {anything && (
            <div className="pane-header__actions">
              <button type="button" className="button" onClick={() => setSelection({ mode: 'new-folder' })}>
                Add folder
              </button>
              <button type="button" className="button" onClick={() => setSelection({ mode: 'new-organization' })}>
                Add organization
              </button>
              <button type="button" className="button button--primary" onClick={() => setSelection({ mode: 'new' })}>
                Add connection
              </button>
            </div>
          )}
        </header>
        {list.isPending ? (
          <p className="pane-message" role="status">
            Loading connections…
          </p>
        ) : list.isError ? (
          <div className="pane-message pane-message--error" role="alert">
            <p>Could not load connections. {list.error.message}</p>
            <button type="button" className="button" onClick={() => void list.refetch()}>
              Try again
            </button>
          </div>
        ) : !anything ? (
          <EmptyState
            adding={
              selection.mode === 'new' || selection.mode === 'new-organization' || selection.mode === 'new-folder'
            }
            onAdd={() => setSelection({ mode: 'new' })}
            onAddOrganization={() => setSelection({ mode: 'new-organization' })}
            onAddFolder={() => setSelection({ mode: 'new-folder' })}
            {...(onDemoStarted ? { onDemoStarted } : {})}
          />
        ) : (
          <>
            <ConnectionList
              connections={standalone}
              selectedId={selected?.id ?? null}
              onSelect={(id) => setSelection({ mode: 'edit', id })}
            />
            <OrganizationsSection
              organizations={organizations}
              connections={connections}
              selectedId={selected?.id ?? null}
              onSelect={(id) => setSelection({ mode: 'edit', id })}
            />
            {!connections.some((c) => c.demo) && (
              <div className="connections__demo">
                <p className="field__hint">
                  No real keys at hand? Ferry's built-in demo organizations run inside the app.
                </p>
                <DemoButton {...(onDemoStarted ? { onStarted: onDemoStarted } : {})} />
              </div>
            )}
          </>
        )}
      </section>

      <div className="connections__detail-pane">
        {selection.mode === 'new-organization' ? (
          <OrganizationForm
            onAdded={() => setSelection({ mode: 'none' })}
            onCancel={() => setSelection({ mode: 'none' })}
          />
        ) : selection.mode === 'new-folder' ? (
          <FolderEditor
            key="new-folder"
            connection={null}
            onSaved={(view) => setSelection({ mode: 'edit', id: view.id, notice: 'Folder added.' })}
            onCancel={() => setSelection({ mode: 'none' })}
            onRemoved={onRemoved}
          />
        ) : selected?.keySource === 'none' ? (
          <FolderEditor
            key={selected.id}
            connection={selected}
            {...(selection.mode === 'edit' && selection.notice ? { initialNotice: selection.notice } : {})}
            onSaved={() => {}}
            onCancel={() => setSelection({ mode: 'none' })}
            onRemoved={onRemoved}
          />
        ) : selection.mode === 'new' ? (
          <ConnectionEditor
            key="new"
            connection={null}
            keychain={info.data?.keychain}
            onSaved={(view: ConnectionView) => setSelection({ mode: 'edit', id: view.id, notice: 'Connection added.' })}
            onCancel={() => setSelection({ mode: 'none' })}
            onRemoved={onRemoved}
          />
        ) : selected ? (
          <ConnectionEditor
            key={selected.id}
            connection={selected}
            keychain={info.data?.keychain}
            {...(selection.mode === 'edit' && selection.notice ? { initialNotice: selection.notice } : {})}
            onSaved={() => {}}
            onCancel={() => setSelection({ mode: 'none' })}
            onRemoved={onRemoved}
          />
        ) : anything ? (
          <p className="detail-placeholder">Select a connection to edit, test or remove it.</p>
        ) : null}
      </div>
    </div>
  );
}

function EmptyState({
  adding,
  onAdd,
  onAddOrganization,
  onAddFolder,
  onDemoStarted,
}: {
  adding: boolean;
  onAdd: () => void;
  onAddOrganization: () => void;
  onAddFolder: () => void;
  onDemoStarted?: () => void;
}) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">No connections yet.</p>
      <p className="empty-state__text">
        A connection is one organization (or project) and the API key Ferry uses for it. Add one to browse its
        assistants, vector stores and files.
      </p>
      {!adding && (
        <div className="empty-state__actions">
          <button type="button" className="button button--primary" onClick={onAdd}>
            Add connection
          </button>
          <button type="button" className="button" onClick={onAddOrganization}>
            Add organization
          </button>
          <button type="button" className="button" onClick={onAddFolder}>
            Add folder
          </button>
          <DemoButton {...(onDemoStarted ? { onStarted: onDemoStarted } : {})} />
        </div>
      )}
      <p className="empty-state__text">
        The demo organizations (“Acme Production”, “Acme Staging”, “Legacy Cloud”) are Ferry's own sandbox: fresh sample
        data each time Ferry starts, nothing leaves this machine.
      </p>
    </div>
  );
}
