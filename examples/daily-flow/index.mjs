#!/usr/bin/env node
// はこぶ食堂's business day in one command. From the repository root: `npm run demo`
// (options after `--`: `npm run demo -- --store pglite --out /tmp/day`).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OutputError } from './lib/output.mjs';
import { createProgress } from './lib/progress.mjs';
import { runDailyFlow, STEP_COUNT } from './lib/run.mjs';
import { STORE_KINDS, UsageError } from './lib/stores.mjs';

const USAGE = `使い方: node examples/daily-flow/index.mjs [--out DIR] [--store memory|pglite|postgres] [--schema NAME]

  --out DIR        出力先（既定: examples/daily-flow/out）。空のフォルダか、前回の出力のフォルダ
  --store KIND     memory（既定）: インメモリ / pglite: 組み込みPostgreSQL / postgres: DATABASE_URL のサーバ
                   DATABASE_URL が設定されていれば既定は postgres
  --schema NAME    postgres で使うスキーマ（残す）。省略時は実行ごとのスキーマを作って最後に削除
  --help           この説明`;

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      store: { type: 'string' },
      schema: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const databaseUrl = process.env.DATABASE_URL;
  const store = values.store ?? (databaseUrl ? 'postgres' : 'memory');
  if (!STORE_KINDS.includes(store))
    throw new UsageError(`--store は ${STORE_KINDS.join(' / ')} のどれかです`);
  const outDir = values.out ?? fileURLToPath(new URL('./out', import.meta.url));
  const progress = createProgress({ total: STEP_COUNT });
  progress.line(`hakobu daily flow — はこぶ食堂の一日 (store: ${store})`);
  const started = performance.now();
  const result = await runDailyFlow({ outDir, store, databaseUrl, schema: values.schema, progress });
  progress.line('');
  progress.line(result.text.trimEnd());
  progress.line('');
  progress.line(`出力先: ${result.outDir}`);
  progress.line(`保存先: ${result.store}`);
  progress.line(`所要時間: ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // A step may have been drawing its bar on the terminal: finish that line first.
    if (process.stdout.isTTY) process.stdout.write('\n');
    if (
      error instanceof UsageError ||
      error instanceof OutputError ||
      error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      console.error(`エラー: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(error);
    process.exitCode = 1;
  },
);
