import type { Writable } from 'node:stream';

const WIDTH = 24;

/**
 * One progress line on stderr. At a terminal it is a bar redrawn in place and a line that stays when the
 * step ends; elsewhere (a log, a pipe) it degrades to plain lines, one when a step starts and one when it
 * ends, so a CI log reads as a list rather than a smear of carriage returns. `quiet` (for `--json` off a
 * terminal) drops the lines, leaving stdout's document the only output.
 */
export class Progress {
  readonly #stream: Writable;
  readonly #tty: boolean;
  readonly #quiet: boolean;
  #drawn = false;

  constructor(stream: Writable, options: { quiet?: boolean } = {}) {
    this.#stream = stream;
    this.#tty = (stream as { isTTY?: boolean }).isTTY === true;
    this.#quiet = !this.#tty && options.quiet === true;
  }

  get tty(): boolean {
    return this.#tty;
  }

  /** A step began (printed as a line off a terminal; at a terminal the bar shows it). */
  start(line: string): void {
    if (this.#quiet) return;
    if (this.#tty) this.bar(0, line);
    else this.#stream.write(`${line}\n`);
  }

  /** Redraws the bar; does nothing off a terminal. */
  bar(fraction: number, label: string): void {
    if (!this.#tty) return;
    const clamped = Math.max(0, Math.min(1, fraction));
    const filled = Math.round(clamped * WIDTH);
    const columns = (this.#stream as { columns?: number }).columns ?? 100;
    const text = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(clamped * 100)).padStart(3)}% ${label}`;
    this.#stream.write(`\r\x1b[K${text.slice(0, Math.max(20, columns - 1))}`);
    this.#drawn = true;
  }

  /** A step ended: the line that stays. */
  end(line: string): void {
    if (this.#quiet) return;
    this.#stream.write(`${this.#tty && this.#drawn ? '\r\x1b[K' : ''}${line}\n`);
    this.#drawn = false;
  }
}
