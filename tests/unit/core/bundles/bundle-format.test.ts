import { describe, expect, it } from 'vitest';
import { ASSISTANT_KEYS, bundleJson, insideBundle, slug } from '../../../../electron/core/bundles/bundle-format.ts';

describe('the bundle layout', () => {
  it('writes listed keys first in their order, the rest sorted, two spaces and a trailing newline', () => {
    const text = bundleJson({ zeta: 1, metadata: {}, model: 'gpt-4o', alpha: true, id: 'asst_1' }, ASSISTANT_KEYS);
    expect(text).toBe(
      '{\n  "id": "asst_1",\n  "model": "gpt-4o",\n  "metadata": {},\n  "alpha": true,\n  "zeta": 1\n}\n',
    );
  });

  it.each([
    ['Support KB Q&A', 'support-kb-q-a'],
    ['Café Crème', 'cafe-creme'],
    ['  --Already--Slugged--  ', 'already-slugged'],
    ['', 'untitled'],
    [null, 'untitled'],
    ['日本語', 'untitled'],
    ['x'.repeat(60), 'x'.repeat(48)],
  ])('slugs %j as %j', (name, expected) => {
    expect(slug(name)).toBe(expected);
  });

  it('keeps manifest paths inside the bundle', () => {
    expect(insideBundle('/b', 'files/a.txt')).toBe('/b/files/a.txt');
    for (const escape of ['../x', 'files/../../x', '/etc/passwd', '..', '.']) {
      expect(() => insideBundle('/b', escape), escape).toThrow(/outside the bundle/);
    }
  });
});
