/**
 * How a shell names a bundle folder that is not a saved connection: `folder:/absolute/path` in a clone
 * request's from or to. The core takes it from the CLI only (see GatewayPool).
 */
export const FOLDER_REF = 'folder:';

/** The manifest every bundle folder holds at its top: what makes a folder a bundle. */
export const MANIFEST_FILE = 'ferry-bundle.json';
