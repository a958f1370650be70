import { UNSAFE_TEXT_CHARACTERS_ALL } from '../../../shared/safe-text.ts';

/** Names Windows reserves for devices, with or without an extension ("CON", "con.txt", "COM1.log"). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/iu;

/** What Windows forbids in a name, plus both path separators, so no name can name a folder. */
const FORBIDDEN = /[\\/:*?"<>|]/gu;

/** Most file systems cap a name at 255 bytes; leave room for a suffix such as " (1)" or ".ferry-partial". */
const MAX_NAME_BYTES = 200;

/**
 * A file name from the API made safe to put on any platform's disk: no folder parts (`../../.bashrc` must
 * not steer a save elsewhere), none of the characters Windows forbids, no control or text-direction
 * characters (U+202E turns "report_fdp.exe" into a name that reads "report_exe.pdf"), no Windows device
 * name (a file called CON cannot be opened there), no leading dots that would hide it, no trailing dots
 * or spaces (Windows drops them, and so opens another file), at most 200 bytes, and never empty.
 */
export function safeFilename(name: string): string {
  let cleaned = name
    .normalize('NFC')
    .replace(UNSAFE_TEXT_CHARACTERS_ALL, '_')
    .replace(FORBIDDEN, '_')
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (WINDOWS_DEVICE.test(cleaned)) cleaned = `_${cleaned}`;
  cleaned = truncateBytes(cleaned, MAX_NAME_BYTES).replace(/[.\s]+$/u, '');
  return cleaned === '' ? 'download' : cleaned;
}

/** Cuts a name to `max` UTF-8 bytes on a character boundary, keeping a short extension. */
function truncateBytes(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = [...name.slice(0, name.length - extension.length)];
  while (stem.length > 0 && Buffer.byteLength(stem.join('') + extension) > max) stem = stem.slice(0, -1);
  return stem.join('') + extension;
}
