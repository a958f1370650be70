import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

/**
 * Timeouts that follow progress, not size: the sandbox reads bodies at 256 KiB/s (a slow uplink) or stops
 * reading one part-way, and Ferry's client runs with a 1 s idle timeout.
 */
const RATE = 262_144;
const IDLE_MS = 1000;
const TENANT = 'Sandbox';

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'empty', core: { clientOptions: { idleTimeoutMs: IDLE_MS } } });
});
afterAll(async () => {
  await world?.stop();
});

function fileOf(bytes: number, name: string): string {
  const path = join(world.home, name);
  // Not all zeros: nothing on the way may compress it.
  const data = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i += 1) data[i] = (i * 7919) % 251;
  writeFileSync(path, data);
  return path;
}

const named = (filename: string) =>
  world.sandbox.control.objects(TENANT).files.filter((f) => f['filename'] === filename);

/** Writes the file first, then returns the upload to start (so the timing covers the upload alone). */
async function prepareUpload(bytes: number, name: string) {
  const gateway = await world.core.gateways.get(TENANT);
  const path = fileOf(bytes, name);
  return (options: { signal?: AbortSignal; onRead?: (read: number) => void } = {}) =>
    gateway.files.uploadFromDisk({ path, filename: name, purpose: 'assistants', bytes }, options);
}

describe('uploads over a slow uplink', () => {
  it('a 1 MiB upload at 256 KiB/s (4 s of sending) completes under a 1 s idle timeout', async () => {
    world.sandbox.control.setLink({ uploadBytesPerSecond: RATE }, TENANT);
    try {
      const upload = await prepareUpload(1024 * 1024, 'slow-1mib.bin');
      const started = Date.now();
      const file = await upload();
      expect(file.bytes).toBe(1024 * 1024);
      // The throttle really held it back for longer than the idle timeout, several times over.
      expect(Date.now() - started).toBeGreaterThan(3 * IDLE_MS);
    } finally {
      world.sandbox.control.clearLink(TENANT);
    }
  });

  // With Ferry's default idle timeout (30 s): the OS send buffer fills and drains in bursts, so on a slow
  // link the body is pulled seconds apart; a 1 s idle timeout is for the tests above only.
  it.runIf(process.env.FERRY_LONG_UPLINK === '1')(
    'LONG (80 s, FERRY_LONG_UPLINK=1): a 20 MB upload at 262144 bytes/s completes with the default timeouts',
    async () => {
      const plain = await startSandboxWorld({ seed: 'empty', link: { uploadBytesPerSecond: RATE } });
      try {
        const path = join(plain.home, 'slow-20mb.bin');
        writeFileSync(path, Buffer.alloc(20 * 1000 * 1000, 'ferry'));
        const gateway = await plain.core.gateways.get(TENANT);
        const started = Date.now();
        const file = await gateway.files.uploadFromDisk({
          path,
          filename: 'slow-20mb.bin',
          purpose: 'assistants',
          bytes: 20 * 1000 * 1000,
        });
        expect(file.bytes).toBe(20 * 1000 * 1000);
        console.log(`20 MB through ${RATE} B/s: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        await plain.stop();
      }
    },
    200_000,
  );

  it('an upload whose server stops reading fails after the idle timeout, saying so', async () => {
    world.sandbox.control.setLink({ stopReadingAfterBytes: 256 * 1024 }, TENANT);
    try {
      const upload = await prepareUpload(16 * 1024 * 1024, 'stalled.bin');
      const started = Date.now();
      const error = await upload().catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /^Uploading "stalled\.bin" on "Sandbox" stalled: no data moved for 1 s while sending the request \(the server stopped reading it\)/,
      );
      // Once the socket buffers fill, one idle timeout later it is over (no retry without a reconcile).
      expect(elapsed).toBeGreaterThanOrEqual(IDLE_MS);
      expect(elapsed).toBeLessThan(10 * IDLE_MS);
      expect(named('stalled.bin')).toEqual([]);
    } finally {
      world.sandbox.control.clearLink(TENANT);
    }
  });

  it('cancel during a throttled upload ends it at once', async () => {
    world.sandbox.control.setLink({ uploadBytesPerSecond: RATE }, TENANT);
    try {
      const controller = new AbortController();
      let abortedAt = 0;
      const onRead = (read: number) => {
        if (read >= 256 * 1024 && abortedAt === 0) {
          abortedAt = Date.now();
          controller.abort(new Error('cancelled by the admin'));
        }
      };
      // 4 MiB would need 16 s; the cancel comes about a second in.
      const upload = await prepareUpload(4 * 1024 * 1024, 'cancelled.bin');
      const outcome = await upload({ signal: controller.signal, onRead }).catch((e: unknown) => e);
      expect(outcome).toBe(controller.signal.reason);
      expect(Date.now() - abortedAt).toBeLessThan(500);
      expect(named('cancelled.bin')).toEqual([]);
    } finally {
      world.sandbox.control.clearLink(TENANT);
    }
  });
});

describe('the overall deadline, set apart from the idle timeout', () => {
  it('ends an attempt that keeps sending past the deadline the admin set', async () => {
    const strict = await startSandboxWorld({
      seed: 'empty',
      core: { clientOptions: { idleTimeoutMs: IDLE_MS, requestDeadlineMs: 1500 } },
    });
    try {
      strict.sandbox.control.setLink({ uploadBytesPerSecond: RATE });
      const path = join(strict.home, 'deadline.bin');
      writeFileSync(path, Buffer.alloc(1024 * 1024, 7));
      const gateway = await strict.core.gateways.get(TENANT);
      const error = await gateway.files
        .uploadFromDisk({ path, filename: 'deadline.bin', purpose: 'assistants', bytes: 1024 * 1024 })
        .catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/^Uploading "deadline\.bin" on "Sandbox" timed out/);
    } finally {
      await strict.stop();
    }
  });
});
