import { describe, expect, it } from 'vitest';
import { safeFilename } from '../../../../electron/core/storage/safe-filename.ts';

describe('safeFilename', () => {
  it('keeps an ordinary name as it is', () => {
    expect(safeFilename('Q3 pricing (final).pdf')).toBe('Q3 pricing (final).pdf');
    expect(safeFilename('Отчёт 2026.docx')).toBe('Отчёт 2026.docx');
    expect(safeFilename('console.log')).toBe('console.log');
  });

  it('cannot steer a save to another folder or hide the file', () => {
    expect(safeFilename('../../.bashrc')).toBe('_.._.bashrc');
    expect(safeFilename('/etc/passwd')).toBe('_etc_passwd');
    expect(safeFilename('..\\windows\\system.ini')).toBe('_windows_system.ini');
    expect(safeFilename('.env')).toBe('env');
  });

  it('replaces what Windows forbids and control characters, and is never empty', () => {
    expect(safeFilename('a:b*c?"d<e>f|g\u0007.txt')).toBe('a_b_c__d_e_f_g_.txt');
    expect(safeFilename('esc\u001b[31mred.txt')).toBe('esc_[31mred.txt');
    expect(safeFilename('...')).toBe('download');
    expect(safeFilename('')).toBe('download');
  });

  it('drops text-direction overrides that disguise an extension', () => {
    expect(safeFilename('report_\u202Efdp.exe')).toBe('report__fdp.exe');
    expect(safeFilename('a\u2066b\u2069\u200F.txt')).toBe('a_b__.txt');
  });

  it('never yields a Windows device name, with or without an extension', () => {
    for (const name of ['CON', 'con', 'PRN.txt', 'aux.tar.gz', 'NUL', 'COM1', 'lpt9.log', 'COM¹'])
      expect(safeFilename(name)).toBe(`_${name}`);
  });

  it('drops trailing dots and spaces, which Windows would strip to open another file', () => {
    expect(safeFilename('notes.txt. . ')).toBe('notes.txt');
    expect(safeFilename('CON .')).toBe('_CON');
  });

  it('keeps a name within 200 bytes, on a character boundary, extension kept', () => {
    const long = `${'ü'.repeat(300)}.pdf`;
    const safe = safeFilename(long);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(200);
    expect(safe.endsWith('ü.pdf')).toBe(true);
  });
});
