/**
 * Benchmark: the scale organisation (tests/support/scale-seed.ts) cloned from the page in browser mode,
 * 16× by default (1,600 assistants, 160 stores, 4,800 files), 64× with --large, any scale with --scale N.
 * Every part is its own process, as a user runs it: the bench sandbox (80 ms latency, 500 ms ingestion),
 * `ferry web` (bin/ferry.mjs, the real entry point) and Debian's Chromium driven by Playwright. The clone
 * starts the way an admin starts it: the source's assistants selected with Ctrl+A, "Clone to other
 * pane", the folder of originals typed into the plan dialog, Confirm; the jobs panel stays open with the
 * job's items drawn. In the same run, `ferry clone --all` (the CLI, its own process and state folder)
 * clones the same source into the sandbox's other empty tenant, for the wall to compare against.
 * It measures, against the issue's bounds:
 *   - bytes and count of events over the event stream, counted at the page by wrapping EventSource
 *     (< 5 MB at 16×, pro rata at other scales);
 *   - long tasks on the page from Confirm to the job's end (PerformanceObserver 'longtask'): none > 50 ms;
 *   - `ferry web`'s peak RSS (VmHWM of its process): < 300 MB;
 *   - apply to done on the page (Confirm clicked to the card saying Done, in the page's clock) against
 *     the CLI's apply to done (its job's createdAt to updatedAt, the same span in the core's clock).
 * Byte counts, event counts and RSS do not depend on the machine's load; long tasks and walls do.
 * Run: node tests/bench/web-clone.bench.ts [--scale N | --large]   (needs `npx vite build` first)
 * Profiles: BENCH_PROFILE_PAGE=DIR (the page, Confirm to done), BENCH_PROFILE_WEB=DIR (`ferry web`, whole run).
 */
import { chromium, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '../../playwright.config.ts';
import type { JobView } from '../../shared/jobs.ts';
import { startFerryWeb } from '../e2e/fixtures/ferry-web-server.ts';
import { runFerry } from '../support/run-ferry.ts';
import { SCALE_SCRIPT_TARGET, SCALE_SOURCE, SCALE_TARGET, scaleSeed } from '../support/scale-seed.ts';
import { benchHome, control, startBenchSandbox } from './harness.ts';
import { installPageProbes, pageProbes, type PageProbes } from './web-clone-probes.ts';

const LATENCY_MS = 80;
const INGESTION_MS = 500;
const EVENT_BYTES_AT_16 = 5 * 2 ** 20;
const LONG_TASK_MS = 50;
const WEB_RSS_MB = 300;

const args = process.argv.slice(2);
const scaleAt = args.indexOf('--scale');
const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : args.includes('--large') ? 64 : 16;
if (!Number.isInteger(scale) || scale < 1)
  throw new Error(`--scale takes a whole number of 1 or more, not ${args[scaleAt + 1]}`);
const eventBound = (EVENT_BYTES_AT_16 * scale) / 16;

const { seed, files, counts } = scaleSeed(scale);
const sandbox = await startBenchSandbox(seed, [
  '--latency-ms',
  String(LATENCY_MS),
  '--ingestion-ms',
  String(INGESTION_MS),
  '--rate-limit',
  '100000',
]);
const originals = mkdtempSync(join(tmpdir(), 'ferry-bench-originals-'));
for (const file of files) writeFileSync(join(originals, file.filename), file.content);
const cliHome = await benchHome(sandbox);
const webHome = await benchHome(sandbox);
const tenantOf = (name: string) => sandbox.tenants.find((t) => t.name === name)!;
const writesTo = async (tenant: string) => {
  const { counts: routes } = await control<{ counts: Record<string, number> }>(
    sandbox,
    `/requests?tenant=${encodeURIComponent(tenantOf(tenant).name)}`,
  );
  return Object.entries(routes)
    .filter(([route]) => !route.startsWith('GET '))
    .reduce((sum, [, n]) => sum + n, 0);
};

try {
  const cliFirst = process.env['BENCH_CLI_LAST'] !== '1';
  let cliRun = cliFirst ? await runCli() : undefined;
  const web = await startFerryWeb(webHome.home, {
    timeoutMs: 60_000,
    // As a user runs it: no result checking, no demo control (the e2e suites turn both on).
    env: {
      ...webHome.env,
      FERRY_CHECK_RESULTS: '0',
      FERRY_DEMO_CONTROL: '0',
      // BENCH_PROFILE_WEB=DIR: a CPU profile of `ferry web` over its whole run, written when it stops.
      ...(process.env['BENCH_PROFILE_WEB']
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env['BENCH_PROFILE_WEB']}` }
        : {}),
    },
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(installPageProbes);
    // The page's calls, wherever it makes them (its call worker's requests are not in the page's own timeline).
    const calls: Array<{ method: string; at: number; bytes: number }> = [];
    page.on('requestfinished', (request) => {
      const method = /\/api\/call\/([^?]+)/.exec(request.url())?.[1];
      if (!method) return;
      const at = Date.now();
      void request.sizes().then(
        ({ responseBodySize }) => calls.push({ method: decodeURIComponent(method), at, bytes: responseBodySize }),
        () => undefined,
      );
    });
    await page.goto(web.url);
    await selfCheck(page);
    const left = page.getByRole('region', { name: 'Left pane' });
    const right = page.getByRole('region', { name: 'Right pane' });
    await right.getByRole('combobox', { name: 'Connection' }).selectOption({ label: SCALE_TARGET });
    await left.getByRole('combobox', { name: 'Connection' }).selectOption({ label: SCALE_SOURCE });
    await left.getByRole('tab', { name: 'Assistants', exact: true }).click();
    await left.locator('.pane__count').filter({ hasNotText: 'reading more' }).waitFor({ timeout: 600_000 });
    await left.getByRole('listbox').getByRole('option').first().waitFor();

    await control(sandbox, '/requests', { method: 'DELETE' });
    const planStarted = await page.evaluate(() => performance.now());
    const cpuAtPlan = processCpuMs(web.pid);
    await left.getByRole('listbox').focus();
    await page.keyboard.press('Control+a');
    await left.getByRole('button', { name: 'Clone to other pane' }).click();
    const plan = page.getByRole('dialog', { name: 'Clone plan' });
    await plan.getByRole('button', { name: 'Choose folder…' }).click({ timeout: 600_000 });
    await plan.getByRole('textbox', { name: 'Folder of original files' }).fill(originals);
    await plan.getByRole('button', { name: 'Use folder' }).click();
    await plan.getByText('Matching files by name and size in').waitFor();
    const confirm = plan.getByRole('button', { name: 'Confirm' });
    await expect(confirm).toBeEnabled({ timeout: 600_000 });

    // Confirm is clicked in the page, so the wall starts in the page's own clock.
    const applied = await page.evaluate(() => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('dialog button')].find(
        (b) => b.textContent === 'Confirm',
      )!;
      const at = performance.now();
      button.click();
      return at;
    });
    const stopProfile = await profilePage(page);
    const cpuAtApply = processCpuMs(web.pid);
    const ended = await page.evaluate(waitForJobEnd, { timeoutMs: 1_800_000 });
    const cpuAtEnd = processCpuMs(web.pid);
    await stopProfile();
    const probes: PageProbes = await page.evaluate(pageProbes, { from: applied, to: ended.at });
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    probes.calls = callsBetween(calls, timeOrigin + applied, timeOrigin + ended.at);
    const webJob = (await (await page.request.post(`${web.origin}/api/call/jobs.list`, { data: {} })).json()) as {
      ok: boolean;
      result: JobView[];
    };
    const job = webJob.result[0]!;
    const webRss = processMemory(web.pid);
    const webWrites = await writesTo(SCALE_TARGET);
    await web.stop();
    cliRun ??= await runCli();
    const { cliWallMs, cliPeakRssMb, cliCpuMs, cliWrites, cliJob } = cliRun;

    const pageApplyMs = Math.round(ended.at - applied);
    const pageWallMs = Math.round(ended.at - planStarted);
    const jobSpan = (view: JobView) => Date.parse(view.updatedAt) - Date.parse(view.createdAt);
    const cliApplyMs = jobSpan(cliJob);
    const figures = {
      bench: 'web-clone',
      scale,
      objects: counts.objects,
      items: job.counts.total,
      cliItems: cliJob.counts.total,
      state: ended.state,
      cliState: cliJob.state,
      verified: job.verify?.clean === true,
      events: probes.events,
      eventBytes: probes.eventBytes,
      jobEvents: probes.jobEvents,
      maxEventBytes: probes.maxEventBytes,
      longTasks: probes.longTasks,
      longTasksOver50: probes.longTasksOver,
      maxLongTaskMs: probes.maxLongTaskMs,
      busyShare: Number((probes.longTaskMs / pageApplyMs).toFixed(3)),
      webPeakRssMb: webRss.peakMb,
      webRssAtEndMb: webRss.nowMb,
      pageHeapMb: probes.heapMb,
      pageCalls: probes.calls,
      pageApplyMs,
      webJobMs: jobSpan(job),
      cliApplyMs,
      pageWallMs,
      cliWallMs,
      cliPeakRssMb,
      webCpuMs: cpuAtEnd - cpuAtPlan,
      webApplyCpuMs: cpuAtEnd - cpuAtApply,
      cliCpuMs,
      writes: webWrites,
      cliWrites,
      target: `events < ${(eventBound / 2 ** 20).toFixed(1)} MB (5 MB at 16×), no long task > ${LONG_TASK_MS} ms, ferry web < ${WEB_RSS_MB} MB, page apply→done ≤ the CLI's`,
      pass: false,
    };
    figures.pass =
      figures.state === 'done' &&
      figures.cliState === 'done' &&
      figures.items === figures.cliItems &&
      figures.eventBytes < eventBound &&
      figures.longTasksOver50 === 0 &&
      figures.webPeakRssMb < WEB_RSS_MB &&
      pageApplyMs <= cliApplyMs;
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
    console.log(
      `${scale}× clone from the page (${job.counts.total} items, ${ended.state}${figures.verified ? ', verified' : ''}) vs ferry clone (${cliJob.counts.total} items, ${cliJob.state})`,
    );
    console.log(
      `  events at the page:   ${probes.events} (${probes.jobEvents} job updates), ${mb(probes.eventBytes)}, largest ${mb(probes.maxEventBytes)}   bound < ${mb(eventBound)}`,
    );
    console.log(
      `  long tasks, apply→done: ${probes.longTasks}, ${probes.longTasksOver} over ${LONG_TASK_MS} ms, longest ${probes.maxLongTaskMs.toFixed(0)} ms, busy ${(figures.busyShare * 100).toFixed(1)}% of the wall`,
    );
    console.log(
      `  calls from the page, apply→done: ${Object.entries(probes.calls)
        .map(([m, c]) => `${m} ${c.count}× ${mb(c.bytes)}`)
        .join(', ')}`,
    );
    console.log(
      `  ferry web peak RSS:   ${webRss.peakMb} MB (at the end ${webRss.nowMb} MB)   bound < ${WEB_RSS_MB} MB; page JS heap ${probes.heapMb} MB`,
    );
    console.log(
      `  apply→done: page ${(pageApplyMs / 1000).toFixed(1)} s (its job ${(figures.webJobMs / 1000).toFixed(1)} s), CLI job ${(cliApplyMs / 1000).toFixed(1)} s   bound: page ≤ CLI`,
    );
    console.log(
      `  whole: page from selection ${(pageWallMs / 1000).toFixed(1)} s, ferry clone process ${(cliWallMs / 1000).toFixed(1)} s (peak RSS ${cliPeakRssMb} MB); CPU: ferry web ${((cpuAtEnd - cpuAtPlan) / 1000).toFixed(1)} s from selection (${((cpuAtEnd - cpuAtApply) / 1000).toFixed(1)} s from apply), ferry clone ${(cliCpuMs / 1000).toFixed(1)} s; writes ${webWrites} vs ${cliWrites}`,
    );
    console.log(JSON.stringify(figures));
    process.exitCode = figures.pass ? 0 : 1;
  } finally {
    await browser.close();
    await web.stop();
  }
} finally {
  cliHome.cleanup();
  webHome.cleanup();
  rmSync(originals, { recursive: true, force: true });
  await sandbox.stop();
}

/** The calls that ended between `from` and `to` (ms since the epoch), per method: how many, and their answers' bytes. */
function callsBetween(calls: ReadonlyArray<{ method: string; at: number; bytes: number }>, from: number, to: number) {
  const byMethod: PageProbes['calls'] = {};
  for (const call of calls) {
    if (call.at < from || call.at > to) continue;
    const entry = (byMethod[call.method] ??= { count: 0, bytes: 0 });
    entry.count += 1;
    entry.bytes += call.bytes;
  }
  return byMethod;
}

/** `ferry clone --all` in a process of its own, on its own state folder, into the other empty tenant. */
async function runCli() {
  await control(sandbox, '/requests', { method: 'DELETE' });
  const cliStarted = performance.now();
  const cli = await runFerry(
    [
      'clone',
      '--from',
      SCALE_SOURCE,
      '--to',
      SCALE_SCRIPT_TARGET,
      '--all',
      '--files-dir',
      originals,
      '--yes',
      '--json',
    ],
    { env: cliHome.env, timeoutMs: 1_800_000, prefix: ['/usr/bin/time', '-f', 'maxrss-kb %M cpu-s %U %S'] },
  );
  const cliWallMs = Math.round(performance.now() - cliStarted);
  const cliSummary = JSON.parse(cli.stdout.trim().split('\n').at(-1) ?? '{}') as { job?: string; state?: string };
  if (!cliSummary.job) throw new Error(`ferry clone printed no job (exit ${cli.code}):\n${cli.stdout}\n${cli.stderr}`);
  const usage = /maxrss-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(cli.stderr);
  const cliPeakRssMb = Math.round(Number(usage?.[1] ?? NaN) / 1024);
  const cliCpuMs = Math.round((Number(usage?.[2] ?? NaN) + Number(usage?.[3] ?? NaN)) * 1000);
  const cliWrites = await writesTo(SCALE_SCRIPT_TARGET);
  const reader = await cliHome.core();
  const cliJob = await reader.call('jobs.get', { id: cliSummary.job });
  await reader.dispose();

  return { cliWallMs, cliPeakRssMb, cliCpuMs, cliWrites, cliJob };
}

/**
 * BENCH_PROFILE_PAGE=DIR writes a CPU profile of the page from Confirm to the job's end (open it in
 * Chromium's DevTools; build with `npx vite build --minify false` for readable names).
 */
async function profilePage(page: Page): Promise<() => Promise<void>> {
  const dir = process.env['BENCH_PROFILE_PAGE'];
  if (!dir) return async () => {};
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.start');
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    writeFileSync(join(dir, `web-clone-page-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  };
}

/** A deliberate 120 ms task must be seen, or "no long task" would mean nothing. */
async function selfCheck(page: Page): Promise<void> {
  const seen = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        // The observer reports when the browser gets round to it: wait for the entry, not for a while.
        const timer = setTimeout(() => resolve(false), 10_000);
        new PerformanceObserver((list, observer) => {
          if (!list.getEntries().some((entry) => entry.duration >= 100)) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(true);
        }).observe({ type: 'longtask' });
        setTimeout(() => {
          const start = performance.now();
          while (performance.now() - start < 120);
        });
      }),
  );
  if (!seen) throw new Error('This Chromium reports no long tasks: the long-task figure would be meaningless.');
}

/** In the page: resolves when the newest job card's state reads as ended, with the page's time of it. */
function waitForJobEnd({ timeoutMs }: { timeoutMs: number }): Promise<{ at: number; state: string }> {
  const ENDED: Record<string, string> = {
    Done: 'done',
    Failed: 'failed',
    Cancelled: 'cancelled',
    Interrupted: 'interrupted',
    Damaged: 'damaged',
  };
  return new Promise((resolve, reject) => {
    const check = () => {
      const label = document.querySelector('section[aria-label="Jobs"] article .job-state')?.textContent ?? '';
      if (!(label in ENDED)) return false;
      observer.disconnect();
      clearTimeout(timer);
      resolve({ at: performance.now(), state: ENDED[label]! });
      return true;
    };
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`The job did not end within ${timeoutMs} ms.`));
    }, timeoutMs);
    if (!check()) observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

function processMemory(pid: number): { peakMb: number; nowMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: Math.round(kb('VmHWM') / 1024), nowMb: Math.round(kb('VmRSS') / 1024) };
}

/** User and system CPU of a process so far, from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
