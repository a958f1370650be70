import { describe, expect, it } from 'vitest';
import { systemProbe } from '../../../../electron/core/jobs/process-probe.ts';
import { procState, unreapedChild } from '../../../support/zombie.ts';

describe('systemProbe', () => {
  it('counts this process alive, with a start time that stays the same', () => {
    expect(systemProbe.alive(process.pid)).toBe(true);
    expect(systemProbe.startTime(process.pid)).not.toBeNull();
    expect(systemProbe.startTime(process.pid)).toBe(systemProbe.startTime(process.pid));
  });

  it.skipIf(process.platform !== 'linux')(
    'counts a zombie dead although kill(pid, 0) still finds it, and a reaped one dead too',
    async () => {
      const zombie = unreapedChild();
      expect(procState(zombie.pid)).toBe('Z');
      // The check the probe used to make alone: a zombie still answers it.
      expect(() => process.kill(zombie.pid, 0)).not.toThrow();
      expect(systemProbe.alive(zombie.pid)).toBe(false);
      await zombie.reaped;
      expect(procState(zombie.pid)).toBeNull();
      expect(systemProbe.alive(zombie.pid)).toBe(false);
    },
  );
});
