import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from 'tsup';

const DATA_CHUNK = /^japanpost-data\.generated-[\w-]+\.c?js(\.map)?$/;

/**
 * The Japan Post data chunk is 1.4 MB of base64 in one string: its source map would repeat all of it and map
 * nothing worth stepping through, so it is removed (with the chunk's sourceMappingURL) once both formats are out.
 */
async function dropDataChunkSourceMaps(): Promise<void> {
  for (const name of await readdir('dist')) {
    if (!DATA_CHUNK.test(name)) continue;
    const path = join('dist', name);
    if (name.endsWith('.map')) await rm(path);
    else {
      const code = await readFile(path, 'utf8');
      await writeFile(path, code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
    }
  }
}

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  onSuccess: dropDataChunkSourceMaps,
});
