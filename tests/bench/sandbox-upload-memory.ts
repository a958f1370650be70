/**
 * Benchmark, not a test: uploads a 200 MB file to a sandbox running in a child process and samples the
 * child's resident memory. The file is generated on the fly and streamed, so neither side holds it.
 * Run: npm run bench:sandbox   (or: node tests/bench/sandbox-upload-memory.ts [sizeMB])
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const sizeMb = Number(process.argv[2] ?? 200);
const totalBytes = sizeMb * 1024 * 1024;
const limitMb = 50;
const sandboxBin = fileURLToPath(new URL('../../sandbox/bin/ferry-sandbox.mjs', import.meta.url));

function rssBytes(pid: number): number {
  // Linux: VmRSS from /proc; that is what "resident memory" means here.
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return Number(kb) * 1024;
}

function* generated(bytes: number): Generator<Buffer> {
  const block = Buffer.alloc(64 * 1024);
  for (let sent = 0, n = 0; sent < bytes; n += 1) {
    // Vary the bytes so nothing downstream can cheat by compressing or deduplicating.
    block.fill(`line ${n} of generated benchmark data\n`);
    const size = Math.min(block.length, bytes - sent);
    sent += size;
    yield size === block.length ? Buffer.from(block) : block.subarray(0, size);
  }
}

async function uploadFile(url: string, key: string, bytes: number): Promise<{ status: number; body: string }> {
  const boundary = `----ferrybench${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.jsonl"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const target = new URL(`${url}/files`);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + bytes + tail.length),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    Readable.from(
      (function* () {
        yield head;
        yield* generated(bytes);
        yield tail;
      })(),
    ).pipe(req);
  });
}

const child = spawn(process.execPath, [sandboxBin, '--seed', 'empty', '--json'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited early with code ${code}`)));
  });
  const { url, tenants } = JSON.parse(line) as { url: string; tenants: { key: string }[] };
  const key = tenants[0]!.key;
  await uploadFile(url, key, 1024 * 1024); // warm up: load parsers, grow the heap to steady state
  await new Promise((resolve) => setTimeout(resolve, 500));
  const baseline = rssBytes(child.pid!);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(child.pid!));
  }, 25);
  const started = Date.now();
  const result = await uploadFile(url, key, totalBytes);
  clearInterval(sampler);
  peak = Math.max(peak, rssBytes(child.pid!));
  const file = JSON.parse(result.body) as { bytes?: number };
  const rise = (peak - baseline) / 1024 / 1024;
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `upload: HTTP ${result.status}, ${file.bytes} bytes stored (${sizeMb} MB sent) in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `sandbox RSS: baseline ${(baseline / 1048576).toFixed(1)} MB, peak ${(peak / 1048576).toFixed(1)} MB, rise ${rise.toFixed(1)} MB`,
  );
  const pass = result.status === 200 && file.bytes === totalBytes && rise < limitMb;
  console.log(`${pass ? 'PASS' : 'FAIL'}: rise ${rise.toFixed(1)} MB ${rise < limitMb ? '<' : '>='} ${limitMb} MB`);
  console.log(
    JSON.stringify({
      bench: 'sandbox-upload-memory',
      uploadMb: sizeMb,
      riseMb: Number(rise.toFixed(1)),
      seconds: Number(seconds.toFixed(1)),
      target: `< ${limitMb} MB`,
      pass,
    }),
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  child.kill('SIGTERM');
}
