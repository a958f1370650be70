import { describe, expect, it } from 'vitest';
import type { ClonePlan, PlanFile } from '../../../../shared/clone.ts';
import { verifyClone } from '../../../../electron/core/clone/verify.ts';
import type { OrgGateway } from '../../../../electron/core/openai/org-gateway.ts';
import { createHash } from 'node:crypto';

interface FakeFile {
  id: string;
  filename: string;
  bytes: number;
  purpose: string;
  content: string;
}
interface FakeStore {
  id: string;
  name: string;
  metadata: Record<string, string>;
  files: { id: string; text: string }[];
}

/** A gateway over an in-memory org: just the reads verify makes. */
function fakeOrg(files: FakeFile[], stores: FakeStore[]): OrgGateway {
  const fileObject = (f: FakeFile) => ({
    id: f.id,
    object: 'file',
    filename: f.filename,
    bytes: f.bytes,
    purpose: f.purpose,
    created_at: 1,
  });
  const storeObject = (s: FakeStore) => ({
    id: s.id,
    object: 'vector_store',
    name: s.name,
    metadata: s.metadata,
    expires_after: null,
    created_at: 1,
  });
  const missing = () => Promise.reject(new Error('404'));
  return {
    files: {
      retrieve: async (id: string) =>
        files.find((f) => f.id === id) ? fileObject(files.find((f) => f.id === id)!) : missing(),
      list: async () => files.map(fileObject),
      download: async (id: string) => {
        const file = files.find((f) => f.id === id);
        if (!file || file.purpose === 'assistants')
          throw new Error('400 Not allowed to download files of purpose: assistants');
        return new Blob([file.content]).stream();
      },
    },
    vectorStores: {
      retrieve: async (id: string) =>
        stores.find((s) => s.id === id) ? storeObject(stores.find((s) => s.id === id)!) : missing(),
      list: async () => stores.map(storeObject),
      listFiles: async (id: string) =>
        (stores.find((s) => s.id === id)?.files ?? []).map((f) => ({
          id: f.id,
          status: 'completed',
          attributes: null,
          chunking_strategy: null,
        })),
      parsedText: async (storeId: string, fileId: string) =>
        stores.find((s) => s.id === storeId)?.files.find((f) => f.id === fileId)?.text ?? '',
    },
    assistants: { retrieve: missing, list: async () => ({ served: true, assistants: [] }) },
  } as unknown as OrgGateway;
}

const planFile = (id: string, purpose: string, extra: Partial<PlanFile> = {}): PlanFile => ({
  key: `file:${id}`,
  sourceId: id,
  filename: `${id}.txt`,
  bytes: 4,
  purpose,
  action: 'create',
  byteSource: purpose === 'assistants' ? 'local' : 'download',
  lossy: false,
  usedBy: [],
  ...extra,
});
function planOf(files: PlanFile[], storeFiles: string[]): ClonePlan {
  return {
    id: 'plan',
    createdAt: '',
    source: { id: 's', name: 'S' },
    destination: { id: 'd', name: 'D' },
    request: { onConflict: 'update', modelMap: {} },
    assistants: [],
    files,
    destinationModels: [],
    warnings: [],
    blockers: [],
    vectorStores: [
      {
        key: 'vs:vs-src',
        sourceId: 'vs-src',
        name: 'KB',
        action: 'create',
        metadata: { cloned_from: 'vs-src' },
        markerAdded: true,
        expiresAfter: null,
        files: storeFiles.map((id) => ({ fileKey: `file:${id}`, attributes: null, chunkingStrategy: null })),
        usedBy: [],
      },
    ],
    totals: {
      assistants: { create: 0, update: 0, skip: 0, blocked: 0 },
      vectorStores: { create: 1, reuse: 0, skip: 0 },
      files: { create: files.length, reuse: 0, skip: 0, lossy: 0 },
      bytes: 0,
    },
  };
}

describe('verify', () => {
  // Source: a downloadable file, an undownloadable one in the store, an undownloadable one outside any store.
  const sourceFiles: FakeFile[] = [
    { id: 'batch', filename: 'batch.txt', bytes: 4, purpose: 'batch', content: 'AAAA' },
    { id: 'doc', filename: 'doc.txt', bytes: 4, purpose: 'assistants', content: 'CCCC' },
    { id: 'code', filename: 'code.txt', bytes: 4, purpose: 'assistants', content: 'EEEE' },
  ];
  const source = fakeOrg(sourceFiles, [
    {
      id: 'vs-src',
      name: 'KB',
      metadata: {},
      files: [
        { id: 'batch', text: 'AAAA' },
        { id: 'doc', text: 'CCCC' },
      ],
    },
  ]);
  const plan = planOf(
    [planFile('batch', 'batch'), planFile('doc', 'assistants'), planFile('code', 'assistants')],
    ['batch', 'doc'],
  );
  const resolved = new Map([
    ['file:batch', 'd-batch'],
    ['file:doc', 'd-doc'],
    ['file:code', 'd-code'],
    ['vs:vs-src', 'vs-dst'],
  ]);
  const destinationWith = (batch: string, doc: string) =>
    fakeOrg(
      [
        { id: 'd-batch', filename: 'batch.txt', bytes: 4, purpose: 'batch', content: batch },
        { id: 'd-doc', filename: 'doc.txt', bytes: 4, purpose: 'assistants', content: doc },
        { id: 'd-code', filename: 'code.txt', bytes: 4, purpose: 'assistants', content: 'ZZZZ' },
      ],
      [
        {
          id: 'vs-dst',
          name: 'KB',
          metadata: { cloned_from: 'vs-src' },
          files: [
            { id: 'd-batch', text: batch },
            { id: 'd-doc', text: doc },
          ],
        },
      ],
    );

  it('checks each file by the strongest means both sides allow, and says which', async () => {
    const report = await verifyClone(plan, resolved, source, destinationWith('AAAA', 'CCCC'));
    expect(report.clean).toBe(true);
    expect(Object.fromEntries((report.files ?? []).map((f) => [f.filename, f.method]))).toEqual({
      'batch.txt': 'sha256',
      'doc.txt': 'parsed-text',
      'code.txt': 'name-size',
    });
    expect(report.methods).toEqual({ sha256: 1, 'parsed-text': 1, 'name-size': 1 });
  });

  it('reports swapped bytes of the same name and size: by sha256 when downloadable, by parsed text when not', async () => {
    const report = await verifyClone(plan, resolved, source, destinationWith('BBBB', 'DDDD'));
    expect(report.clean).toBe(false);
    expect(report.differences.map((d) => `${d.label}: ${d.field}`).sort()).toEqual([
      'batch.txt: content (sha256)',
      'doc.txt: content (parsed-text)',
    ]);
    expect(
      report.files
        ?.filter((f) => !f.match)
        .map((f) => f.filename)
        .sort(),
    ).toEqual(['batch.txt', 'doc.txt']);
  });

  it('compares a copy with the hash Ferry recorded when it sent downloaded bytes, without downloading the source again', async () => {
    const sent = createHash('sha256').update('AAAA').digest('hex');
    const noDownloads = {
      ...source,
      files: { ...source.files, download: () => Promise.reject(new Error('the source was read again')) },
    } as unknown as OrgGateway;
    const report = await verifyClone(plan, resolved, noDownloads, destinationWith('AAAA', 'CCCC'), {
      sentHashes: new Map([['file:batch', sent]]),
    });
    expect(report.files?.find((f) => f.filename === 'batch.txt')).toMatchObject({ method: 'sha256', match: true });
  });

  it('counts a promised object the journal never recorded as missing, and a store short of it', async () => {
    const partial = new Map([...resolved].filter(([key]) => key !== 'file:doc'));
    const report = await verifyClone(plan, partial, source, destinationWith('AAAA', 'CCCC'));
    expect(report.clean).toBe(false);
    expect(report.differences.map((d) => `${d.label}: ${d.field}`)).toEqual(
      expect.arrayContaining(['doc.txt: exists', 'KB / doc.txt: attached']),
    );
  });
});
