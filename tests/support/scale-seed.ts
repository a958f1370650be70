import type { SeedObject } from 'ferry-sandbox';

/** Demo-like text of a given size, so ingestion and search have something real to chew on. */
export function document(index: number, bytes: number): string {
  const line = `Document ${index}: Acme policy paragraph about returns, shipping, warranty and support escalation. `;
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

export const SCALE_SOURCE = 'Bench Source';
export const SCALE_TARGET = 'Target (Ferry)';
export const SCALE_SCRIPT_TARGET = 'Target (script)';

export interface ScaleSeed {
  seed: SeedObject;
  files: { ref: string; filename: string; purpose: string; content: string }[];
  counts: { assistants: number; vectorStores: number; files: number; objects: number };
}

/**
 * The clone-speed organisation (100 assistants sharing 10 vector stores of 30 files each) times `scale`:
 * one shape for the speed, growth and re-run benchmarks and the tests that check them at a smaller scale,
 * so a figure at 16× means the same organisation sixteen times over.
 */
export function scaleSeed(scale: number, options: { fileBytes?: number } = {}): ScaleSeed {
  const stores = 10 * scale;
  const perStore = 30;
  const assistants = 100 * scale;
  const bytes = options.fileBytes ?? 2048;
  const files = Array.from({ length: stores * perStore }, (_, i) => ({
    ref: `f${i}`,
    filename: `policy-${String(i).padStart(3, '0')}.md`,
    purpose: 'assistants',
    content: document(i, bytes),
  }));
  const seed: SeedObject = {
    tenants: [
      {
        name: SCALE_SOURCE,
        models: ['gpt-4o', 'gpt-4o-mini'],
        files,
        vectorStores: Array.from({ length: stores }, (_, s) => ({
          ref: `vs${s}`,
          name: `Knowledge base ${s}`,
          metadata: { team: `team-${s}` },
          files: Array.from({ length: perStore }, (_, j) => ({
            file: `f${s * perStore + j}`,
            attributes: { section: j, team: `team-${s}` },
          })),
        })),
        assistants: Array.from({ length: assistants }, (_, a) => ({
          name: `Assistant ${a}`,
          model: a % 2 ? 'gpt-4o' : 'gpt-4o-mini',
          description: `Bench assistant ${a}`,
          instructions: `You answer questions for team ${a % stores} from its knowledge base.`,
          tools: [
            { type: 'file_search' },
            {
              type: 'function',
              function: {
                name: 'open_ticket',
                description: 'Open a ticket',
                parameters: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
              },
            },
          ],
          fileSearchVectorStores: [`vs${a % stores}`],
          temperature: 0.5,
          metadata: { owner: `team-${a % stores}` },
        })),
      },
      { name: SCALE_TARGET, models: ['gpt-4o', 'gpt-4o-mini'] },
      { name: SCALE_SCRIPT_TARGET, models: ['gpt-4o', 'gpt-4o-mini'] },
    ],
  };
  return {
    seed,
    files,
    counts: { assistants, vectorStores: stores, files: files.length, objects: assistants + stores + files.length },
  };
}

/** One vector store of `count` files and one assistant using it: the shape of a big knowledge base. */
export function bigStoreSeed(count: number, options: { fileBytes?: number } = {}): ScaleSeed {
  const bytes = options.fileBytes ?? 512;
  const files = Array.from({ length: count }, (_, i) => ({
    ref: `f${i}`,
    filename: `kb-${String(i).padStart(5, '0')}.md`,
    purpose: 'assistants',
    content: document(i, bytes),
  }));
  const seed: SeedObject = {
    tenants: [
      {
        name: SCALE_SOURCE,
        models: ['gpt-4o'],
        files,
        vectorStores: [
          {
            ref: 'vs0',
            name: 'Everything we know',
            metadata: { team: 'all' },
            files: files.map((f, j) => ({ file: f.ref, attributes: { section: j % 50 } })),
          },
        ],
        assistants: [
          {
            name: 'Librarian',
            model: 'gpt-4o',
            instructions: 'Answer from the knowledge base.',
            tools: [{ type: 'file_search' }],
            fileSearchVectorStores: ['vs0'],
          },
        ],
      },
      { name: SCALE_TARGET, models: ['gpt-4o'] },
    ],
  };
  return { seed, files, counts: { assistants: 1, vectorStores: 1, files: count, objects: count + 2 } };
}
