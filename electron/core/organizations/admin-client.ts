import OpenAI from 'openai';
import { FerryError } from '../errors.ts';
import { watchedFetch, type ClientOptions } from '../connections/client-factory.ts';
import { loadHttpFetch } from '../connections/http-fetch.ts';
import type { ProjectView } from '../../../shared/organization.ts';

/** A project as the Admin API answers it, reduced to what Ferry shows. */
export type AdminProject = Omit<ProjectView, 'connectionId'>;

/**
 * The Admin API (/organization/*) with one admin key. Every environment default of the SDK is passed
 * explicitly (no OPENAI_API_KEY, org or project can slip in), and its retries are off as everywhere in Ferry.
 */
export class AdminClient {
  readonly #client: OpenAI;

  private constructor(client: OpenAI) {
    this.#client = client;
  }

  static async create(baseUrl: string, adminKey: string, options: ClientOptions = {}): Promise<AdminClient> {
    const fetch = watchedFetch({ httpFetch: await loadHttpFetch(), ...options });
    return new AdminClient(
      new OpenAI({
        apiKey: null,
        adminAPIKey: adminKey,
        baseURL: baseUrl,
        organization: null,
        project: null,
        webhookSecret: null,
        maxRetries: 0,
        timeout: 60_000,
        fetch,
      }),
    );
  }

  get baseUrl(): string {
    return this.#client.baseURL;
  }

  /** Every project (all pages), and the org's name as the server gives it in `openai-organization`. */
  async projects(includeArchived: boolean): Promise<{ projects: AdminProject[]; organizationName: string | null }> {
    const projects: AdminProject[] = [];
    let after: string | undefined;
    let organizationName: string | null = null;
    for (;;) {
      const { data: page, response } = await this.#client.admin.organization.projects
        .list({ limit: 100, include_archived: includeArchived, ...(after ? { after } : {}) })
        .withResponse();
      organizationName ??= response.headers.get('openai-organization');
      for (const project of page.data) {
        projects.push({
          id: project.id,
          name: project.name ?? project.id,
          status: project.archived_at === null || project.archived_at === undefined ? 'active' : 'archived',
          createdAt: project.created_at,
        });
      }
      const last = page.data.at(-1)?.id;
      if (!page.has_more || !last) break;
      after = last;
    }
    return { projects, organizationName };
  }

  /** Creates a service account; its key is in this answer only, so the caller stores it before anything else. */
  async createServiceAccount(projectId: string, name: string): Promise<{ id: string; key: string }> {
    const account = await this.#client.admin.organization.projects.serviceAccounts.create(projectId, { name });
    const key = account.api_key?.value;
    if (!key)
      throw new FerryError('upstream', `The server created service account "${name}" but sent no API key for it.`);
    return { id: account.id, key };
  }

  /** Deletes a service account; one already gone (deleted in the dashboard) counts as deleted. */
  async deleteServiceAccount(projectId: string, serviceAccountId: string): Promise<void> {
    try {
      await this.#client.admin.organization.projects.serviceAccounts.delete(serviceAccountId, {
        project_id: projectId,
      });
    } catch (error) {
      if (error instanceof OpenAI.NotFoundError) return;
      throw error;
    }
  }
}
