import { useState } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { OrganizationView, ProjectView } from '../../../shared/organization.ts';
import { OpenProjectDialog } from '../connections/organizations-section.tsx';
import { useFerryQuery } from '../query/ferry-query.ts';

const OPEN_PREFIX = 'open-project:';

/**
 * The pane's connection picker: connections of their own first, then each organization's projects grouped
 * under it. A project not opened yet is offered too; picking it asks how to open it, then shows it here.
 */
export function ConnectionPicker({
  connections,
  value,
  onChange,
}: {
  connections: readonly ConnectionView[];
  value: string | null;
  onChange: (connectionId: string | null) => void;
}) {
  const organizations = useFerryQuery('organizations.list', {}).data ?? [];
  const [opening, setOpening] = useState<{ organization: OrganizationView; project: ProjectView } | null>(null);
  const standalone = connections.filter((c) => !c.organizationLink);
  return (
    <>
      <select
        className="pane__picker field__input"
        aria-label="Connection"
        value={value ?? ''}
        onChange={(event) => {
          const picked = event.target.value;
          if (picked.startsWith(OPEN_PREFIX)) {
            const [organizationId, projectId] = picked.slice(OPEN_PREFIX.length).split('/');
            const organization = organizations.find((o) => o.id === organizationId);
            // The picker lists active projects only, so what the option holds is the whole project.
            const name = event.target.selectedOptions[0]?.dataset['project'] ?? '';
            if (organization && projectId)
              setOpening({ organization, project: { id: projectId, name, status: 'active', createdAt: 0 } });
            return;
          }
          onChange(picked || null);
        }}
      >
        {connections.length === 0 && organizations.length === 0 && <option value="">No connections</option>}
        {connections.length === 0 && organizations.length > 0 && <option value="">Pick a project</option>}
        {standalone.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
        {organizations.map((organization) => (
          <OrganizationOptions key={organization.id} organization={organization} connections={connections} />
        ))}
      </select>
      {opening && (
        <OpenProjectDialog
          organization={opening.organization}
          project={opening.project}
          onDone={() => setOpening(null)}
          onOpened={(id) => onChange(id)}
        />
      )}
    </>
  );
}

function OrganizationOptions({
  organization,
  connections,
}: {
  organization: OrganizationView;
  connections: readonly ConnectionView[];
}) {
  const projects = useFerryQuery('organizations.projects', { id: organization.id, includeArchived: false }).data;
  return (
    <optgroup label={organization.name}>
      {(projects ?? []).map((project) => {
        const connection = connections.find(
          (c) => c.organizationLink?.organizationId === organization.id && c.organizationLink.projectId === project.id,
        );
        return connection ? (
          <option key={project.id} value={connection.id}>
            {project.name}
          </option>
        ) : (
          <option key={project.id} value={`${OPEN_PREFIX}${organization.id}/${project.id}`} data-project={project.name}>
            {project.name} (open…)
          </option>
        );
      })}
    </optgroup>
  );
}
