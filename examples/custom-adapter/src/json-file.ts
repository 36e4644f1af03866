import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HakobuError } from '@hakobu/core';

/**
 * One JSON document on disk (JSONファイル), read once and written whole. A write goes to a temporary file that
 * is then renamed over the old one, so a crash leaves either the old document or the new one, never half.
 */
export interface JsonFile<T> {
  /** The document, or `undefined` when the file does not exist yet. */
  read(): Promise<T | undefined>;
  write(value: T): Promise<void>;
}

/**
 * A {@link JsonFile} at `path`. `format` is stored in the document and checked on read, so a file written by
 * something else is refused instead of misread.
 *
 * @example
 * ```ts
 * const file = jsonFile<{ orders: Order[] }>('/var/lib/shop/orders.json', 'orders/1');
 * await file.write({ orders: [] });
 * ```
 */
export function jsonFile<T>(path: string, format: string): JsonFile<T> {
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        throw new HakobuError('adapter.file_corrupt', `${path} は JSON として読めません`);
      }
      const stored = document as { format?: unknown; data?: T };
      if (stored.format !== format) {
        throw new HakobuError(
          'adapter.file_format',
          `${path} の形式「${String(stored.format)}」は「${format}」ではありません`,
        );
      }
      return stored.data;
    },
    async write(value) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.tmp`;
      await writeFile(temporary, JSON.stringify({ format, data: value }));
      await rename(temporary, path);
    },
  };
}

/**
 * Runs tasks one at a time in call order (直列化). The ports demand that checking and writing happen as one
 * step; a write to disk is an `await`, so every check-and-write goes through this queue.
 *
 * @example
 * ```ts
 * const serial = serialQueue();
 * await serial(async () => { check(); await file.write(next); });
 * ```
 */
export function serialQueue(): <R>(task: () => Promise<R>) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    // The next task waits for this one whether it succeeded or not.
    tail = run.catch(() => undefined);
    return run;
  };
}
