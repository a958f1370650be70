import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../electron/content-types.ts';

describe('content types of the renderer build (one table for the desktop window and browser mode)', () => {
  it('names what a page loads, whatever the case of the extension', () => {
    expect(contentTypeFor('index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('assets/x.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('assets/worker.mjs')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('assets/font.woff')).toBe('font/woff');
    expect(contentTypeFor('assets/x.wasm')).toBe('application/wasm');
  });

  it('serves anything else as bytes a browser will not run', () => {
    expect(contentTypeFor('LICENSE')).toBe('application/octet-stream');
    expect(contentTypeFor('archive.tar.gz')).toBe('application/octet-stream');
  });
});
