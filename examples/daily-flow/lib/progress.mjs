// Terminal progress: a step counter, a bar for steps that go over many items, and plain lines when the
// output is not a terminal (CI logs, a pipe, a file), so logs stay readable.

const BAR_WIDTH = 24;
/** Redraw a bar at most this often (ms), so that drawing never costs more than the work. */
const REDRAW_MS = 50;

/** Display width of a string in a terminal: East Asian wide characters count two columns. */
export function width(text) {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    columns +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000
        ? 2
        : 1;
  }
  return columns;
}

/** Pads `text` with spaces to `columns` display columns. */
export function padEnd(text, columns) {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

/** Pads `text` on the left to `columns` display columns. */
export function padStart(text, columns) {
  return ' '.repeat(Math.max(0, columns - width(text))) + text;
}

/**
 * A progress reporter for `total` steps on `stream`. `tty` (default: the stream's own) chooses between a
 * redrawn line with a bar and plain lines. `now` measures elapsed time for the terminal only; nothing it
 * returns reaches an output file.
 *
 * @param {{ total: number, stream?: NodeJS.WritableStream & { isTTY?: boolean, columns?: number },
 *   tty?: boolean, now?: () => number }} options
 */
export function createProgress(options) {
  const stream = options.stream ?? process.stdout;
  const tty = options.tty ?? stream.isTTY === true;
  const now = options.now ?? (() => performance.now());
  const digits = String(options.total).length;
  let index = 0;
  return {
    tty,
    /** Prints a line outside any step (headers, notes). */
    line(text = '') {
      stream.write(`${text}\n`);
    },
    /**
     * Starts the next step. `tick(done, of)` moves its bar (terminal only); `done(result)` closes it with a
     * one-line result.
     *
     * @param {string} title
     */
    step(title) {
      index += 1;
      const counter = `[${String(index).padStart(digits)}/${options.total}]`;
      const started = now();
      let drawn = 0;
      const head = `${counter} ${padEnd(title, 22)}`;
      if (tty) stream.write(`${head} …`);
      return {
        tick(done, of, label = '') {
          if (!tty) return;
          const at = now();
          if (done < of && at - drawn < REDRAW_MS) return;
          drawn = at;
          const filled = of === 0 ? BAR_WIDTH : Math.round((done / of) * BAR_WIDTH);
          const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
          let text = `${head} ${bar} ${done}/${of}`;
          // A line longer than the terminal wraps, and the next redraw could no longer erase it.
          if (label !== '' && width(text) + 1 + width(label) < (stream.columns ?? 80)) text += ` ${label}`;
          stream.write(`\r\x1b[2K${text}`);
        },
        done(result) {
          const seconds = ((now() - started) / 1000).toFixed(1);
          if (tty) stream.write(`\r\x1b[2K${head} ✔ ${result} (${seconds} s)\n`);
          else stream.write(`${head} ${result} (${seconds} s)\n`);
        },
      };
    },
  };
}

/** A reporter that prints nothing (tests, library use). */
export function silentProgress() {
  const step = { tick() {}, done() {} };
  return { tty: false, line() {}, step: () => step };
}
