// The output folder: every file the demo writes goes under one folder, listed with its size and SHA-256
// in MANIFEST.txt. A folder is only ever emptied when it holds a manifest, i.e. was written by the demo.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MANIFEST = 'MANIFEST.txt';

/**
 * Prepares `dir` for a run and returns a writer. An absent or empty folder is used as is; a folder with a
 * MANIFEST.txt (an earlier run's output) is emptied first; any other folder is refused, so `--out` can
 * never delete someone's files.
 *
 * @param {string} dir
 */
export function openOutput(dir) {
  const root = resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(join(root, MANIFEST))) {
      throw new OutputError(
        `出力先 ${root} は空ではなく、このデモの出力（${MANIFEST}）でもありません。空のフォルダを指定してください`,
      );
    }
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync(root, { recursive: true });
  /** @type {{ path: string, bytes: number, sha256: string }[]} */
  const written = [];
  return {
    root,
    /**
     * Writes one file (a path relative to the folder, with `/`); text is written as UTF-8.
     *
     * @param {string} path
     * @param {string | Uint8Array} content
     */
    write(path, content) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      const target = join(root, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      written.push({ path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    },
    /** The files written so far, in writing order. */
    files: () => [...written],
    /** Writes MANIFEST.txt: every file, sorted by path, with its size and SHA-256. */
    finish() {
      const lines = [...written]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((file) => `${file.sha256}  ${String(file.bytes).padStart(8)}  ${file.path}`);
      writeFileSync(join(root, MANIFEST), `${lines.join('\n')}\n`);
    },
  };
}

/** The output folder cannot be used. */
export class OutputError extends Error {}
