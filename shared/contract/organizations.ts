import { z } from 'zod';
import { ConnectionView } from '../connection.ts';
import {
  OrganizationInput,
  OrganizationTestResult,
  OrganizationView,
  ProjectInventory,
  ProjectView,
} from '../organization.ts';
import { NoParams } from './app.ts';
import { method } from './define.ts';

const OrganizationRef = z.object({
  id: z.string().min(1, { error: 'id is required: pass the organization connection id.' }),
});

export const organizationsApi = {
  /** Every organization connection (admin key fingerprints only), so the UI can group projects under it. */
  'organizations.list': method({ params: NoParams, result: z.array(OrganizationView) }),

  /**
   * Adds an organization reached with an admin key (sk-admin-…), kept in the OS keychain like every key. A
   * project key is refused here, naming the fix: it belongs in a connection, and an admin key in no connection.
   */
  'organizations.add': method({ params: OrganizationInput, result: OrganizationView }),

  /** Calls GET /organization/projects with the admin key: the org's name and project count, or the problem in words. */
  'organizations.test': method({ params: OrganizationRef, result: OrganizationTestResult }),

  /** The org's projects (archived ones only when asked), each with the project connection Ferry opened for it. */
  'organizations.projects': method({
    params: OrganizationRef.extend({ includeArchived: z.boolean().default(false) }),
    result: z.array(ProjectView),
  }),

  /**
   * Opens a project as a connection: reuses the one Ferry made before, or creates a service account named
   * ferry-<user>@<host> in the project and keeps its key (shown once by the API) in the keychain. Nothing is
   * left behind when a step fails. An archived project opens read-only or not at all. With replace, an
   * opened project gets a new service account and key (the old account, e.g. deleted in the dashboard, goes).
   */
  'organizations.openProject': method({
    params: OrganizationRef.extend({
      project: z.string().trim().min(1, { error: 'project is required: give the project name or id (proj_…).' }),
      readOnly: z.boolean().default(false),
      replace: z.boolean().default(false),
    }),
    result: z.object({ connection: ConnectionView, created: z.boolean() }),
  }),

  /**
   * Removes a project connection made from an organization; with deleteServiceAccount, first deletes its
   * service account in the project (a refusal then removes nothing), so no key Ferry made outlives it.
   */
  'organizations.removeProject': method({
    params: z.object({
      connectionId: z.string().min(1, { error: 'connectionId is required.' }),
      deleteServiceAccount: z.boolean().default(false),
    }),
    result: z.object({ removed: z.literal(true), serviceAccountDeleted: z.boolean() }),
  }),

  /**
   * What every opened project of the organization holds (assistants, agents, vector stores, files, storage
   * bytes), each read with its own project connection, so the admin sees where things are before dragging.
   */
  'organizations.inventory': method({ params: OrganizationRef, result: z.array(ProjectInventory) }),

  /** Removes the organization and the project connections opened from it (their service accounts too when asked). */
  'organizations.remove': method({
    params: OrganizationRef.extend({ deleteServiceAccounts: z.boolean().default(false) }),
    result: z.object({ removedConnections: z.array(z.string()) }),
  }),
} as const;
