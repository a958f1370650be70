import { z } from 'zod';

/*
 * What only the desktop window can do with the admin's own disk: upload a file they picked or dropped,
 * save a download where they choose, and pick a folder of original files with the OS dialog (granted to
 * `clone.plan` by `folderGrantId`; in the desktop window a plan never takes a typed folder path). These are not contract methods
 * on purpose: a contract method takes whatever the caller sends, so a compromised page could name any path
 * (~/.ssh/id_ed25519) for upload. Here the page hands over a File object, the preload turns it into a path
 * with webUtils (a File made in JavaScript has none), and the main process grants the core that one file.
 * The page learns a grant id, a name and a size; it never sees a path it did not already show the admin.
 */

/** A file the core may read once for `files.upload` (pass `grantId` instead of `stagedId`). */
export const LocalFileGrant = z.object({
  grantId: z.string(),
  filename: z.string(),
  bytes: z.number(),
});
export type LocalFileGrant = z.infer<typeof LocalFileGrant>;

export const SaveFileParams = z.object({
  connectionId: z.string().min(1, { error: 'connectionId is required: the connection that holds the file.' }),
  fileId: z.string().min(1, { error: 'fileId is required: the file to save.' }),
  /** Lets the page follow the save through `download.progress` events. */
  downloadId: z.string().min(1).max(100),
});
export type SaveFileParams = z.infer<typeof SaveFileParams>;

/** Where the file went, or that the admin closed the save dialog. */
export const SaveFileResult = z.union([
  z.object({ saved: z.literal(true), path: z.string(), bytes: z.number() }),
  z.object({ saved: z.literal(false) }),
]);
export type SaveFileResult = z.infer<typeof SaveFileResult>;

export const ChooseFolderParams = z.object({ title: z.string().max(200).default('Choose a folder') });
export type ChooseFolderParams = z.input<typeof ChooseFolderParams>;

/**
 * The chosen folder's path (the page shows it, since the admin picked it), or null when cancelled, and
 * the grant that lets `clone.plan` look for original files in it (pass it as `folderGrantId`).
 */
export const ChooseFolderResult = z.object({ path: z.string().nullable(), grantId: z.string().optional() });
export type ChooseFolderResult = z.infer<typeof ChooseFolderResult>;
