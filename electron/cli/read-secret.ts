import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Reads a key from standard input. Piped input is read whole (`printf %s "$KEY" | ferry …`); at a
 * terminal the user is prompted and nothing they type is echoed, so the key never lands in scrollback.
 */
export async function readSecret(
  stdin: NodeJS.ReadableStream,
  stderr: NodeJS.WritableStream,
  prompt: string,
): Promise<string> {
  const tty = (stdin as { isTTY?: boolean }).isTTY === true;
  if (!tty) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: stdin, output: muted, terminal: true });
  try {
    const line = await new Promise<string>((resolve) => reader.once('line', resolve));
    stderr.write('\n');
    return line.trim();
  } finally {
    reader.close();
  }
}
