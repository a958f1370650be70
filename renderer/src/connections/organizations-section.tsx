import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import { formatBytes } from '../../../shared/format.ts';
import type { OrganizationView, ProjectView } from '../../../shared/organization.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { asBridgeError, useFerryMutation, useFerryQuery } from '../query/ferry-query.ts';

/** Set once the admin has read what opening a project does; the explanation is shown before the first one only. */
const EXPLAINED_KEY = 'ferry.serviceAccountExplained';

function explainedBefore(): boolean {
  try {
    return window.localStorage.getItem(EXPLAINED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Every organization connection with its projects under it: opened ones select their connection, others open. */
export function OrganizationsSection({
  organizations,
  connections,
  selectedId,
  onSelect,
}: {
  organizations: readonly OrganizationView[];
  connections: readonly ConnectionView[];
  selectedId: string | null;
  onSelect: (connectionId: string) => void;
}) {
  return (
    <div className="organizations">
      {organizations.map((organization) => (
        <OrganizationGroup
          key={organization.id}
          organization={organization}
          connections={connections}
          selectedId={selectedId}
          onSelect={onSelect}
        />
      ))}
    </div>
  );
}

function OrganizationGroup({
  organization,
  connections,
  selectedId,
  onSelect,
}: {
  organization: OrganizationView;
  connections: readonly ConnectionView[];
  selectedId: string | null;
  onSelect: (connectionId: string) => void;
}) {
  const [showArchived, setShowArchived] = useState(false);
  const [opening, setOpening] = useState<ProjectView | null>(null);
  const [removing, setRemoving] = useState(false);
  const [inventoryShown, setInventoryShown] = useState(false);
  const health = useFerryQuery('organizations.test', { id: organization.id }, { refetchOnWindowFocus: false });
  const projects = useFerryQuery('organizations.projects', { id: organization.id, includeArchived: showArchived });
  const remove = useFerryMutation('organizations.remove', {
    invalidates: ['organizations.list', 'connections.list', 'organizations.projects'],
  });
  const opened = connections.filter((c) => c.organizationLink?.organizationId === organization.id);
  const headingId = `org-${organization.id}`;
  return (
    <section className="organization" aria-labelledby={headingId}>
      <header className="organization__header">
        <h2 id={headingId} className="organization__name">
          {organization.name}
        </h2>
        <code className="fingerprint" title="Admin key fingerprint">
          {organization.fingerprint ?? 'no key'}
        </code>
        <span className="organization__health" role="status">
          {health.isPending
            ? 'Checking…'
            : health.data?.ok
              ? `${health.data.organizationName ?? 'Organization'} · ${health.data.projectCount} ${health.data.projectCount === 1 ? 'project' : 'projects'}`
              : (health.data?.message ?? health.error?.message ?? '')}
        </span>
      </header>
      <label className="organization__archived">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show
        archived projects
      </label>
      {projects.isError && (
        <p className="field__error" role="alert">
          {projects.error.message}
        </p>
      )}
      <ul className="connection-list" aria-label={`Projects of ${organization.name}`}>
        {(projects.data ?? []).map((project) => {
          const connection = opened.find((c) => c.organizationLink?.projectId === project.id);
          const selected = connection !== undefined && connection.id === selectedId;
          return (
            <li
              key={project.id}
              className={selected ? 'connection-row connection-row--selected' : 'connection-row'}
              aria-label={project.name}
            >
              {connection ? (
                <button
                  type="button"
                  className="connection-row__name"
                  aria-current={selected ? 'true' : undefined}
                  onClick={() => onSelect(connection.id)}
                >
                  {project.name}
                </button>
              ) : (
                <span className="connection-row__title">{project.name}</span>
              )}
              {project.status === 'archived' && <span className="badge badge--neutral">Archived</span>}
              {connection?.readOnly && <span className="badge badge--neutral">Read-only</span>}
              <div className="connection-row__details">
                <span className="connection-row__scope">{project.id}</span>
                {connection ? (
                  <code className="fingerprint" title="Key fingerprint">
                    {connection.fingerprint ?? 'no key'}
                  </code>
                ) : (
                  <button type="button" className="button organization__open" onClick={() => setOpening(project)}>
                    Open project {project.name}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <div className="form__actions">
        {opened.length > 0 && (
          <button type="button" className="button" onClick={() => setInventoryShown((shown) => !shown)}>
            {inventoryShown ? 'Hide inventory' : 'Show inventory'}
          </button>
        )}
        <button type="button" className="button button--danger-quiet" onClick={() => setRemoving(true)}>
          Remove organization
        </button>
      </div>
      {inventoryShown && opened.length > 0 && <Inventory organizationId={organization.id} name={organization.name} />}
      {opening && (
        <OpenProjectDialog
          organization={organization}
          project={opening}
          onDone={() => setOpening(null)}
          onOpened={onSelect}
        />
      )}
      <ConfirmDialog
        open={removing}
        destructive
        title={`Remove organization “${organization.name}”?`}
        confirmLabel="Remove organization"
        busy={remove.isPending}
        error={remove.error?.message}
        onConfirm={() =>
          void remove.mutateAsync({ id: organization.id, deleteServiceAccounts: true }).then(
            () => setRemoving(false),
            () => {},
          )
        }
        onCancel={() => setRemoving(false)}
      >
        <p>
          Ferry will delete the admin key of <strong>{organization.name}</strong> from the keychain
          {opened.length > 0 ? ', and remove these project connections and delete their service accounts:' : '.'}
        </p>
        {opened.length > 0 && (
          <ul>
            {opened.map((c) => (
              <li key={c.id}>
                {c.name} (service account “{c.organizationLink?.serviceAccountName}”)
              </li>
            ))}
          </ul>
        )}
      </ConfirmDialog>
    </section>
  );
}

/** Where things are across the opened projects, before dragging: counts per project, read with each project's key. */
function Inventory({ organizationId, name }: { organizationId: string; name: string }) {
  const inventory = useFerryQuery('organizations.inventory', { id: organizationId });
  const count = (n: number | null | undefined) => (n === null ? 'not served' : n === undefined ? '–' : String(n));
  if (inventory.isPending) return <p role="status">Counting what each project holds…</p>;
  if (inventory.isError)
    return (
      <p className="field__error" role="alert">
        {inventory.error.message}
      </p>
    );
  return (
    <table className="organization__inventory" aria-label={`Inventory of ${name}`}>
      <thead>
        <tr>
          <th scope="col">Project</th>
          <th scope="col">Assistants</th>
          <th scope="col">Agents</th>
          <th scope="col">Vector stores</th>
          <th scope="col">Files</th>
          <th scope="col">Storage</th>
        </tr>
      </thead>
      <tbody>
        {inventory.data.map((row) => (
          <tr key={row.connectionId} aria-label={row.name}>
            <th scope="row">{row.name}</th>
            {row.error ? (
              <td colSpan={5}>{row.error}</td>
            ) : (
              <>
                <td>{count(row.assistants)}</td>
                <td>{count(row.agents)}</td>
                <td>{count(row.vectorStores)}</td>
                <td>{count(row.files)}</td>
                <td>{formatBytes(row.storageBytes ?? 0)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Asks how to open the project (read-only or not) and, before the first one ever, what opening does. */
export function OpenProjectDialog({
  organization,
  project,
  onDone,
  onOpened,
}: {
  organization: OrganizationView;
  project: ProjectView;
  onDone: () => void;
  onOpened: (connectionId: string) => void;
}) {
  const archived = project.status === 'archived';
  const [readOnly, setReadOnly] = useState(archived);
  const [explain] = useState(() => !explainedBefore());
  const open = useFerryMutation('organizations.openProject', {
    invalidates: ['connections.list', 'organizations.projects'],
  });
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setError(null);
    try {
      const { connection } = await open.mutateAsync({ id: organization.id, project: project.id, readOnly });
      try {
        window.localStorage.setItem(EXPLAINED_KEY, '1');
      } catch {
        // Without storage the explanation simply shows again next time.
      }
      onDone();
      onOpened(connection.id);
    } catch (failure) {
      setError(asBridgeError(failure).message);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Open project “${project.name}”?`}
      confirmLabel="Open project"
      busy={open.isPending}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onDone}
    >
      {explain && (
        <p>
          Opening a project creates a service account in it, named after you and this computer, and keeps its key in the
          system keychain. The project then shows in the panes like any connection. To take it away again, remove the
          project connection and choose “Also delete its service account”.
        </p>
      )}
      <label className="field__checkbox">
        <input type="checkbox" checked={readOnly} disabled={archived} onChange={(e) => setReadOnly(e.target.checked)} />{' '}
        Read-only: Ferry never writes to this project
      </label>
      {archived && <p className="field__hint">This project is archived, so it opens read-only.</p>}
    </ConfirmDialog>
  );
}
