import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.ts';
import { PartialDownloads } from '../../../electron/core/manage/partial-downloads.ts';
import type { FerryEvent } from '../../../shared/events.ts';
import { startSandboxWorld, type SandboxWorld } from '../../support/sandbox-core.ts';

/*
 * The desktop window's disk abilities through the real core and the real sandbox: a granted file is
 * uploaded where it lies (and left alone), a download is saved whole or not at all. The Electron side
 * (webUtils, the OS dialogs, the IPC sender check) is driven in tests/unit/electron/shell-bundle.test.ts.
 */

let world: SandboxWorld;
let staging: string;
let legacy: string;
let disk: string;
beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'demo', readOnly: ['Legacy Cloud'] });
  staging = world.connections['Acme Staging']!;
  legacy = world.connections['Legacy Cloud']!;
  disk = mkdtempSync(join(tmpdir(), 'ferry-desktop-'));
});
afterAll(async () => {
  await world.stop();
  rmSync(disk, { recursive: true, force: true });
});

const onDisk = (name: string, content: string | Buffer) => {
  const path = join(disk, name);
  writeFileSync(path, content);
  return path;
};
const recording = () => {
  const events: FerryEvent[] = [];
  const stop = world.core.subscribe((e) => events.push(e));
  return { events, stop };
};

describe('uploading a file the desktop window granted', () => {
  it("uploads it in place into a store, reports progress, and leaves the admin's file alone", async () => {
    const path = onDisk('handbook.md', '# Handbook\nWhat every new hire reads first.\n');
    const grant = await world.core.desktop.grantFile(path);
    expect(grant).toEqual({
      ok: true,
      result: { grantId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), filename: 'handbook.md', bytes: 44 },
    });
    if (!grant.ok) return;
    const store = await world.core.call('vectorStores.create', { connectionId: staging, name: 'Desktop uploads' });
    const { events, stop } = recording();
    const result = await world.core.call('files.upload', {
      connectionId: staging,
      grantId: grant.result.grantId,
      uploadId: 'd1',
      filename: grant.result.filename,
      vectorStoreId: store.id,
      attributes: { team: 'hr' },
    });
    stop();
    expect(result.file).toMatchObject({ filename: 'handbook.md', bytes: 44, purpose: 'assistants' });
    expect(result.vectorStoreFile).toMatchObject({ id: result.file.id, attributes: { team: 'hr' } });
    expect(events.flatMap((e) => (e.type === 'upload.progress' && e.uploadId === 'd1' ? [e.state] : [])).at(-1)).toBe(
      'done',
    );
    expect(readFileSync(path, 'utf8')).toBe('# Handbook\nWhat every new hire reads first.\n');
  });

  it('spends a grant on its upload: the same grant cannot read the file again', async () => {
    const grant = await world.core.desktop.grantFile(onDisk('once.txt', 'once'));
    if (!grant.ok) throw new Error(grant.error.message);
    await world.core.call('files.upload', {
      connectionId: staging,
      grantId: grant.result.grantId,
      uploadId: 'd2',
      filename: 'once.txt',
    });
    await expect(
      world.core.call('files.upload', {
        connectionId: staging,
        grantId: grant.result.grantId,
        uploadId: 'd3',
        filename: 'once.txt',
      }),
    ).rejects.toMatchObject({
      code: 'not_found',
      field: 'grantId',
      message: expect.stringContaining('pick it again'),
    });
  });

  it('refuses what cannot be uploaded, naming the file and what to do', async () => {
    const refused = async (path: string) => {
      const outcome = await world.core.desktop.grantFile(path);
      if (outcome.ok) throw new Error(`granted ${path}`);
      return outcome.error;
    };
    expect(await refused(disk)).toMatchObject({ code: 'bad_input', message: expect.stringContaining('is a folder') });
    expect(await refused(onDisk('empty.md', ''))).toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('is empty'),
    });
    expect(await refused(join(disk, 'missing.md'))).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('missing.md'),
    });
    expect(await refused('relative/notes.md')).toMatchObject({ code: 'bad_input', field: 'file' });
  });

  it('reports a granted file deleted before its upload, and a read-only connection, without sending anything', async () => {
    const path = onDisk('vanishing.md', 'here, then gone');
    const grant = await world.core.desktop.grantFile(path);
    if (!grant.ok) throw new Error(grant.error.message);
    rmSync(path);
    await expect(
      world.core.call('files.upload', {
        connectionId: staging,
        grantId: grant.result.grantId,
        uploadId: 'd4',
        filename: 'vanishing.md',
      }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('moved or deleted'),
    });

    const kept = await world.core.desktop.grantFile(onDisk('kept.md', 'kept'));
    if (!kept.ok) throw new Error(kept.error.message);
    const before = world.sandbox.control.requestCounts();
    await expect(
      world.core.call('files.upload', {
        connectionId: legacy,
        grantId: kept.result.grantId,
        uploadId: 'd5',
        filename: 'kept.md',
      }),
    ).rejects.toMatchObject({ code: 'read_only' });
    expect(world.sandbox.control.requestCounts()['POST /v1/files'] ?? 0).toBe(before['POST /v1/files'] ?? 0);
  });

  it('takes either staged bytes or a grant, never both and never neither', async () => {
    const grant = await world.core.desktop.grantFile(onDisk('both.md', 'both'));
    if (!grant.ok) throw new Error(grant.error.message);
    await expect(
      world.core.call('files.upload', { connectionId: staging, uploadId: 'd6', filename: 'x.md' }),
    ).rejects.toMatchObject({ code: 'bad_input', field: 'stagedId' });
    await expect(
      world.core.call('files.upload', {
        connectionId: staging,
        stagedId: 'AAAAAAAAAAAA',
        grantId: grant.result.grantId,
        uploadId: 'd7',
        filename: 'x.md',
      }),
    ).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('not both') });
  });
});

describe('saving an org file where the admin chose', () => {
  const uploadBatchFile = async (content: Buffer) => {
    const grant = await world.core.desktop.grantFile(onDisk('requests.jsonl', content));
    if (!grant.ok) throw new Error(grant.error.message);
    return (
      await world.core.call('files.upload', {
        connectionId: staging,
        grantId: grant.result.grantId,
        uploadId: `b-${Math.random()}`,
        filename: 'requests.jsonl',
        purpose: 'batch',
      })
    ).file;
  };
  const partials = () => readdirSync(disk).filter((name) => name.endsWith('.ferry-partial'));

  it('streams the bytes to the chosen path, with progress, through a transient server fault', async () => {
    const content = Buffer.from(
      Array.from({ length: 4000 }, (_, i) => `{"custom_id":"r${i}","method":"POST","url":"/v1/responses"}\n`).join(''),
    );
    const file = await uploadBatchFile(content);
    const described = await world.core.desktop.describeDownload({
      connectionId: staging,
      fileId: file.id,
      downloadId: 's1',
    });
    expect(described).toMatchObject({ ok: true, result: { filename: 'requests.jsonl', bytes: content.length } });

    world.sandbox.control.injectFault({ kind: 'error_503', route: 'GET /v1/files/{file_id}/content' });
    const served = () => world.sandbox.control.requestCounts()['GET /v1/files/{file_id}/content'] ?? 0;
    const before = served();
    const destination = join(disk, 'saved.jsonl');
    const { events, stop } = recording();
    const saved = await world.core.desktop.saveFile(
      { connectionId: staging, fileId: file.id, downloadId: 's1' },
      destination,
    );
    stop();
    expect(saved).toEqual({ ok: true, result: { saved: true, path: destination, bytes: content.length } });
    expect(readFileSync(destination).equals(content)).toBe(true);
    // The first attempt met the injected 503 and the save went on with a second.
    expect(served() - before).toBe(2);
    const states = events.flatMap((e) => (e.type === 'download.progress' && e.downloadId === 's1' ? [e.state] : []));
    expect(states[0]).toBe('saving');
    expect(states.at(-1)).toBe('done');
    expect(partials()).toEqual([]);
    // The ledger a killed process would leave entries in is empty again once the save is over.
    expect(new PartialDownloads(world.home).purge()).toBe(0);
  });

  it('refuses purposes the API will not hand back before any dialog, in a sentence', async () => {
    const kb = (await world.core.call('files.list', { connectionId: staging })).find((f) => f.purpose === 'assistants');
    if (!kb) throw new Error('no assistants file');
    const described = await world.core.desktop.describeDownload({
      connectionId: staging,
      fileId: kb.id,
      downloadId: 's2',
    });
    expect(described).toMatchObject({
      ok: false,
      error: {
        code: 'bad_input',
        message: expect.stringContaining('Not allowed to download files of purpose: assistants'),
      },
    });
  });

  it('writes nothing under the chosen name when the save fails', async () => {
    const missing = await world.core.desktop.saveFile(
      { connectionId: staging, fileId: 'file-doesnotexist', downloadId: 's3' },
      join(disk, 'never.bin'),
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(existsSync(join(disk, 'never.bin'))).toBe(false);

    const file = await uploadBatchFile(Buffer.from('{"custom_id":"one"}\n'));
    const nowhere = await world.core.desktop.saveFile(
      { connectionId: staging, fileId: file.id, downloadId: 's4' },
      join(disk, 'no-such-folder', 'x.jsonl'),
    );
    expect(nowhere).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'destination', message: expect.stringContaining('does not exist') },
    });
    expect(partials()).toEqual([]);
  });

  it('validates what the page sends', async () => {
    expect(await world.core.desktop.describeDownload({ connectionId: staging, downloadId: 's5' })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'fileId' },
    });
    expect(await world.core.desktop.describeDownload('nonsense')).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
  });
});

describe('a save cut short by a killed Ferry', () => {
  it('leaves a hidden partial the next desktop start removes, and never a file under the chosen name', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ferry-partials-'));
    try {
      // What a save writes down before its first byte, then the partial it was writing when the process died.
      const partial = join(disk, '.report.pdf.0badc0de.ferry-partial');
      writeFileSync(partial, 'half a file');
      new PartialDownloads(home).record(partial);

      const cli = await createCore({ stateDir: home, shell: 'cli', keychain: null, logger: { log() {} } });
      await cli.dispose();
      expect(existsSync(partial)).toBe(true);

      const desktop = await createCore({ stateDir: home, shell: 'electron', keychain: null, logger: { log() {} } });
      await desktop.dispose();
      expect(existsSync(partial)).toBe(false);
      expect(existsSync(join(disk, 'report.pdf'))).toBe(false);
      expect(new PartialDownloads(home).purge()).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
