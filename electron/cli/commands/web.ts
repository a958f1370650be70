import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startWebHost } from '../../web/web-host.ts';
import { Exit, type CliCommand } from '../command.ts';
import { openCore } from '../open-core.ts';
import { parseFlags, parsePort } from '../parse.ts';

const RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer/', import.meta.url));

export const webCommand: CliCommand = {
  name: 'web',
  summary: 'Run Ferry in your browser (loopback only, per-launch token)',
  usage: [
    'Usage: ferry web [--port P] [--json]',
    '',
    'Serves the Ferry app on http://127.0.0.1 and prints the URL to open; the URL carries a token made',
    'fresh for this launch, and requests without it, from another host, or from another site are refused.',
    '',
    '  --port P   listen on port P (default: a free port)',
    '  --json     print one JSON line {"url", "origin"} first, for scripts and tests',
    '',
    'The app must be built first: `npm run web` builds it and runs this command.',
  ].join('\n'),
  async run(args, context) {
    const { values } = parse(args);
    if (!existsSync(`${RENDERER_DIR}index.html`)) {
      context.stderr.write(
        'ferry web: the app is not built yet. Run `npm run web` (or `npm run build:renderer` first).\n',
      );
      return Exit.failed;
    }
    const core = await openCore(context, { shell: 'web', watchSettings: true });
    const host = await startWebHost({ core, staticDir: RENDERER_DIR, port: values.port });
    if (values.json) context.stdout.write(`${JSON.stringify({ url: host.url, origin: host.origin })}\n`);
    else {
      context.stdout.write(
        `Ferry is running in browser mode. Open this URL (it carries this session's token):\n\n  ${host.url}\n\n`,
      );
      if (!core.keychain.available) context.stdout.write(`Note: ${core.keychain.message}\n\n`);
      context.stdout.write('Press Ctrl+C to stop.\n');
    }
    await context.stopped;
    await host.close();
    await core.dispose();
    return Exit.ok;
  },
};

function parse(args: string[]): { values: { port: number; json: boolean } } {
  const { values } = parseFlags(args, { port: { type: 'string' }, json: { type: 'boolean', default: false } });
  return { values: { port: values.port === undefined ? 0 : parsePort(values.port), json: values.json } };
}
