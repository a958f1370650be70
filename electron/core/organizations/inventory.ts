import type { ConnectionView } from '../../../shared/connection.ts';
import type { ProjectInventory } from '../../../shared/organization.ts';
import { describeFailure } from '../errors.ts';
import type { GatewayPool } from '../openai/gateway-pool.ts';

/**
 * What each opened project of an organization holds, read through its own connection (an admin key reads
 * nothing inside a project), so the admin sees where things are before dragging. Projects are read one at
 * a time: each has its own rate limit, and an inventory is not worth crowding out a running clone.
 */
export async function organizationInventory(
  gateways: GatewayPool,
  connections: readonly ConnectionView[],
  organizationId: string,
): Promise<ProjectInventory[]> {
  const rows: ProjectInventory[] = [];
  for (const connection of connections) {
    const link = connection.organizationLink;
    if (!link || link.organizationId !== organizationId) continue;
    const base = { connectionId: connection.id, name: connection.name, projectId: link.projectId };
    try {
      const gateway = await gateways.get(connection.id);
      const [assistants, agents, vectorStores, files] = await Promise.all([
        gateway.assistants.list(),
        gateway.agents.list(),
        gateway.vectorStores.list(),
        gateway.files.list(),
      ]);
      rows.push({
        ...base,
        assistants: assistants.served ? assistants.assistants.length : null,
        agents: agents.served ? agents.agents.length : null,
        vectorStores: vectorStores.length,
        files: files.length,
        storageBytes:
          files.reduce((sum, file) => sum + file.bytes, 0) +
          vectorStores.reduce((sum, store) => sum + store.usage_bytes, 0),
      });
    } catch (error) {
      rows.push({ ...base, error: describeFailure(error) });
    }
  }
  return rows;
}
