import { describe, expect, it } from 'vitest';
import { changedPart, fieldChanges } from '../../../../renderer/src/browse/field-changes.ts';

const labels = { name: 'Name', instructions: 'Instructions', tools: 'Tools' };

describe('the review before a save', () => {
  it('lists the changed fields in the form’s order, values in words, absent and null alike', () => {
    const before = { tools: [], name: 'Bot', instructions: null };
    const after = { name: 'Bot 2', tools: [{ type: 'web_search' }] };
    expect(fieldChanges(before, after, labels)).toEqual([
      { field: 'name', label: 'Name', before: 'Bot', after: 'Bot 2' },
      { field: 'tools', label: 'Tools', before: '[]', after: '[{"type":"web_search"}]' },
    ]);
  });

  it('ignores fields the form does not show, and a save sends only what changed', () => {
    const after = { name: 'Bot 2', instructions: 'Same', tools: [], id: 'asst_1' };
    const changes = fieldChanges({ name: 'Bot', instructions: 'Same', tools: [], id: 'asst_0' }, after, labels);
    expect(changes.map((c) => c.field)).toEqual(['name']);
    expect(changedPart(after, changes)).toEqual({ name: 'Bot 2' });
  });
});
