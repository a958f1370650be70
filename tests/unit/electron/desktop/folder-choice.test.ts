import { describe, expect, it } from 'vitest';
import { folderFromDialog } from '../../../../electron/desktop/folder-choice.ts';

describe('folderFromDialog: what the main process takes back from the OS folder dialog', () => {
  it('takes exactly one absolute path', () => {
    expect(folderFromDialog({ canceled: false, filePaths: ['/home/admin/backup'] })).toEqual({
      kind: 'path',
      path: '/home/admin/backup',
    });
  });

  it('a cancel, or an answer with no path, is no choice', () => {
    expect(folderFromDialog({ canceled: true, filePaths: ['/home/admin/backup'] })).toEqual({ kind: 'none' });
    expect(folderFromDialog({ canceled: false, filePaths: [] })).toEqual({ kind: 'none' });
  });

  it('refuses what it would have to guess at: several paths, relative, empty, NUL, not a string', () => {
    for (const filePaths of [['/a', '/b'], ['backup'], ['./backup'], [''], ['/a\0/etc'], [42], [null]]) {
      const choice = folderFromDialog({ canceled: false, filePaths });
      expect(choice.kind, JSON.stringify(filePaths)).toBe('refused');
      if (choice.kind === 'refused') expect(choice.message).toMatch(/choose/);
    }
  });
});
