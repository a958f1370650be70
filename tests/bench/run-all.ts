/**
 * `npm run bench`: runs every benchmark, one process each, prints what they print, and writes the figures
 * into README.md between the bench markers, so the README always shows the last measured run.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = [
  'tests/bench/clone-speed.bench.ts',
  'tests/bench/clone-rate-limit.bench.ts',
  // The same at 10,000 requests a minute, with an organization grown to match (about 16,000 requests).
  'tests/bench/clone-rate-limit.bench.ts --rpm 10000',
  'tests/bench/clone-memory.bench.ts',
  'tests/bench/bundle-memory.bench.ts',
  'tests/bench/sandbox-upload-memory.ts',
  'tests/bench/pane-10k.bench.ts',
  // The same pane at 100,000 assistants (1,000 pages): its first rows against the first page.
  'tests/bench/pane-10k.bench.ts 100000',
  // A pane of 100,000 files (read whole, 10,000 a page): its first rows against the data and the tab's click.
  'tests/bench/pane-10k.bench.ts 100000 --files',
  'tests/bench/clone-growth.bench.ts',
  'tests/bench/rerun-noop.bench.ts',
  'tests/bench/bigstore-10k.bench.ts',
  // The 16x clone (64x with --large) started from the page in browser mode, against ferry clone in the same run.
  'tests/bench/web-clone.bench.ts',
];
// `--large` is passed on to the benchmarks that have a larger run (clone-growth's 64x); other words pick benchmarks.
const large = process.argv.includes('--large');
const only = process.argv.slice(2).filter((arg) => arg !== '--large');
const results = new Map<string, Record<string, unknown>>();

for (const bench of benches.filter((b) => only.length === 0 || only.some((o) => b.includes(o)))) {
  console.log(`\n== ${bench}`);
  const output = await new Promise<string>((resolve) => {
    let text = '';
    const [script, ...args] = bench.split(' ');
    const child = spawn(process.execPath, [script!, ...args, ...(large ? ['--large'] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (data: Buffer) => {
      process.stdout.write(data);
      text += data.toString();
    });
    child.on('exit', () => resolve(text));
  });
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (typeof parsed['bench'] === 'string') results.set(parsed['bench'], parsed);
    } catch {
      // Not a summary line.
    }
  }
}

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
if (!readme.includes(start) || !readme.includes(end)) {
  console.log('README.md has no bench markers; figures not written.');
  process.exit(0);
}
const previous = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end));
const rows = new Map<string, string>();
for (const line of previous.split('\n')) {
  const key = /^\| \[(\w[\w-]*)\]/.exec(line)?.[1];
  if (key) rows.set(key, line);
}
const verdict = (r: Record<string, unknown>) => (r['pass'] ? 'met' : '**missed**');
const at = new Date().toISOString().slice(0, 10);
for (const [name, r] of results) {
  const figure = describe(name, r);
  if (figure) rows.set(name, `| [${name}] | ${figure} | ${String(r['target'] ?? '')} | ${verdict(r)} | ${at} |`);
}
const table = [
  '',
  '| benchmark | measured | target | | run |',
  '|---|---|---|---|---|',
  ...[...rows.values()],
  '',
].join('\n');
writeFileSync(readmePath, readme.replace(start + previous + end, start + table + end));
console.log(`\nREADME.md benchmark table updated (${results.size} result(s)).`);

function describe(name: string, r: Record<string, unknown>): string | undefined {
  const n = (k: string) => r[k] as number;
  switch (name) {
    case 'clone-speed': {
      const ferry = r['ferry'] as Record<string, number>;
      const script = r['script'] as Record<string, number>;
      return `Ferry ${(ferry['ms']! / 1000).toFixed(2)} s (100 assistants, 10 stores, 300 files, verified) vs the seed script ${(script['ms']! / 1000).toFixed(1)} s (100 assistants' fields only): **${n('speedup')}×**, ${n('latencyMs')} ms latency, ${n('ingestionMs')} ms ingestion`;
    }
    case 'clone-rate-limit':
    case 'clone-rate-limit-10k':
      return `**${(n('utilization') * 100).toFixed(1)}%** of a ${n('limitRpm')} rpm limit used over ${n('seconds')} s (${n('accepted')} requests), ${n('throttledResponses')} 429s from the server, **${n('rateLimitErrorsInJob')}** reached the job`;
    case 'clone-memory':
      return `peak RSS **${n('peakRssMb')} MB** cloning ${Math.round(n('bytes') / 2 ** 20)} MB in ${n('files')} files (${n('seconds')} s, verified)`;
    case 'bundle-memory': {
      const run = (k: string) => r[k] as Record<string, number>;
      return `peak RSS **${n('peakRssMb')} MB** for a ${Math.round(n('bytes') / 2 ** 20)} MB bundle in ${n('files')} files: export ${run('export')['peakMb']} MB (${run('export')['seconds']} s), import ${run('import')['peakMb']} MB (${run('import')['seconds']} s), both verified`;
    }
    case 'sandbox-upload-memory':
      return `sandbox RSS rise **${n('riseMb')} MB** for a ${n('uploadMb')} MB upload`;
    case 'pane-100k':
      return `first rows **${n('interactiveMs')} ms** after the first page, all ${n('items')} in ${(n('wholeMs') / 1000).toFixed(1)} s; keystroke to frame median ${n('keystrokeFrameMsMedian')} ms, max **${n('keystrokeFrameMsMax')} ms**; ${n('domRows')} rows in the DOM`;
    case 'pane-100k-files':
      return `interactive **${n('interactiveMs')} ms** after the data and the Files tab's click (all ${n('items')} read in ${(n('wholeMs') / 1000).toFixed(1)} s); keystroke to frame median ${n('keystrokeFrameMsMedian')} ms, max **${n('keystrokeFrameMsMax')} ms**; ${n('domRows')} rows in the DOM`;
    case 'pane-10k':
      return `interactive **${n('interactiveMs')} ms** after the first page; keystroke to frame median ${n('keystrokeFrameMsMedian')} ms, max **${n('keystrokeFrameMsMax')} ms**; ${n('domRows')} rows in the DOM of ${n('items')}`;
    case 'clone-growth': {
      const rows = r['rows'] as Array<Record<string, number>>;
      return rows
        .map(
          (row) =>
            `${row['scale']}× (${row['objects']} objects): **${(row['wallMs']! / row['boundMs']!).toFixed(2)}×** the 96-in-flight bound, ${(row['scriptMs']! / row['wallMs']!).toFixed(1)}× faster than the seed script, CPU ${(row['cpuMs']! / row['objects']!).toFixed(2)} ms/object, peak RSS ${row['peakRssMb']} MB, ${(row['eventBytes']! / 2 ** 20).toFixed(1)} MB of events`,
        )
        .join('; ');
    }
    case 'rerun-noop':
      return `re-run of an unchanged ${n('scale')}× clone: **${n('writes')} writes**, ${n('requests')} requests, **${(n('rerunMs') / n('listBothMs')).toFixed(2)}×** the time to list both sides`;
    case 'bigstore-10k':
      return `one store of ${n('files')} files: **${(n('wallMs') / n('boundMs')).toFixed(2)}×** the 96-in-flight bound, peak RSS **${n('peakRssMb')} MB**, re-run ${n('rerunWrites')} writes`;
    case 'web-clone':
      return `${n('scale')}× clone from the page (${n('items')} items): **${(n('eventBytes') / 2 ** 20).toFixed(2)} MB** of events in ${n('events')}, **${n('longTasksOver50')}** long tasks over 50 ms (longest ${Math.round(n('maxLongTaskMs'))} ms), ferry web peak RSS **${n('webPeakRssMb')} MB**, apply to done **${(n('pageApplyMs') / n('cliApplyMs')).toFixed(2)}×** the CLI's (${(n('pageApplyMs') / 1000).toFixed(1)} s vs ${(n('cliApplyMs') / 1000).toFixed(1)} s)`;
    default:
      return undefined;
  }
}
