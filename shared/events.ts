import { z } from 'zod';
import { JobHead, JobItem, JobItemPatch } from './jobs.ts';

/**
 * Everything the core pushes to the UI travels on one channel as one of these. Late subscribers catch
 * up by calling the matching list or snapshot method; events only say that something changed.
 */
export const FerryEvent = z.discriminatedUnion('type', [
  /** A connection was added, edited or removed, in this window, another window, or the CLI's process. */
  z.object({ type: z.literal('connections.changed') }),
  /** The keychain turned out to be unavailable mid-session; keys entered from now on are session-only. */
  z.object({ type: z.literal('keychain.status'), available: z.boolean(), message: z.string() }),
  /**
   * A job moved on. Sent at most 10 times a second per job, and small whatever the job's size (a job of
   * 26,000 items sent whole ten times a second was 5 MB an event, and kept the page busy drawing it): the
   * job's head, and only the items that changed since the event numbered `after`. `job.seq` numbers this
   * one. A late subscriber, or one that sees a gap (`after` beyond what it holds), fetches the snapshot
   * with `jobs.get` and applies later events to it (shared/job-updates.ts). A view amended after its job
   * ended (verify, clean up) comes whole, in `all`.
   */
  z.object({
    type: z.literal('job.updated'),
    job: JobHead,
    items: z.array(JobItemPatch),
    after: z.number(),
    all: z.array(JobItem).optional(),
  }),
  /**
   * A file upload moved on (core to API leg): `uploading` as bytes go out, `attaching` while it joins a
   * vector store, then `done` or `failed` with the reason.
   */
  z.object({
    type: z.literal('upload.progress'),
    uploadId: z.string(),
    connectionId: z.string(),
    filename: z.string(),
    bytesSent: z.number(),
    bytesTotal: z.number(),
    state: z.enum(['uploading', 'attaching', 'done', 'failed']),
    message: z.string().optional(),
  }),
  /**
   * A file being saved to the admin's disk from the desktop window moved on: `saving` as bytes arrive
   * (at most 10 a second), then `done` or `failed` with the reason. Browser mode's downloads are the
   * browser's own and send none.
   */
  z.object({
    type: z.literal('download.progress'),
    downloadId: z.string(),
    connectionId: z.string(),
    fileId: z.string(),
    filename: z.string(),
    bytesReceived: z.number(),
    bytesTotal: z.number(),
    state: z.enum(['saving', 'done', 'failed']),
    message: z.string().optional(),
  }),
]);
export type FerryEvent = z.infer<typeof FerryEvent>;
