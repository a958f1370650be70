import { describe, expect, it } from 'vitest';
import { paneTabs } from '../../../../renderer/src/state/browse-state.ts';

const ids = (agentsServed: boolean | undefined) => paneTabs(agentsServed).map((t) => t.id);

describe('paneTabs', () => {
  it('offers Agents only where the server serves them', () => {
    expect(ids(true)).toContain('agents');
    expect(ids(false)).not.toContain('agents');
    expect(ids(undefined)).not.toContain('agents');
  });

  // A pane learns what its server serves after the connection is picked; a tab pressed before then must
  // still be under the pointer when the answer lands (tests/e2e/pane-tabs-steady.spec.ts clicks in that window).
  it('keeps every tab in its place when the answer adds the Agents tab', () => {
    const known = ids(true);
    ids(undefined).forEach((id, index) => expect(known.indexOf(id), id).toBe(index));
  });
});
