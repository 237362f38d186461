/**
 * The reference query in DuckDB, in its own process: per department × month over the same raw
 * CSVs — count, median and p90 time to close (days), mean rating.
 *   node bench/duckdb-child.ts <dataDir> [threads]   prints one JSON line
 * With `threads` (e.g. 1) DuckDB uses that many threads instead of one per core: the same query
 * on one core, for a ratio per core (our ingest + measure runs on one thread and zlib's pool).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'yaml';
import { peakRssMiB } from './pipeline-child.ts';

/** The department-by-month query over a folder holding raw/hotline-12345.csv, raw/service-hall.csv, raw/ratings.csv. */
export function referenceSql(dataDir: string): string {
  const depts = parse(readFileSync(join(dataDir, 'departments.yaml'), 'utf8')) as { id: string; name: { zh: string }; aliases?: string[] }[];
  const q = (s: string): string => `'${s.replaceAll("'", "''")}'`;
  const aliases = depts.flatMap((d) => [d.name.zh, ...(d.aliases ?? [])].map((a) => `(${q(a)}, ${q(d.id)})`)).join(', ');
  const raw = (f: string): string => q(join(dataDir, 'raw', f));
  const days = "date_diff('second', sub, closed) / 86400.0";
  return `
WITH alias(raw, dept) AS (VALUES ${aliases}),
h AS (SELECT 工单编号 AS id, 承办单位 AS raw_dept, try_strptime(来电时间, '%Y-%m-%d %H:%M:%S') AS sub, try_strptime(办结时间, '%Y-%m-%d %H:%M:%S') AS closed
      FROM read_csv(${raw('hotline-12345.csv')}, all_varchar = true, header = true, ignore_errors = true)),
s AS (SELECT 申请编号 AS id, 实施部门 AS raw_dept, try_strptime(申请时间, '%Y/%-m/%-d %-H:%M') AS sub, try_strptime(办结时间, '%Y/%-m/%-d %-H:%M') AS closed
      FROM read_csv(${raw('service-hall.csv')}, all_varchar = true, header = true, ignore_errors = true)),
r AS (SELECT 业务编号 AS id, avg(CASE 评价等级 WHEN '非常满意' THEN 5 WHEN '满意' THEN 4 WHEN '基本满意' THEN 3 WHEN '不满意' THEN 2 WHEN '非常不满意' THEN 1 END) AS rating
      FROM read_csv(${raw('ratings.csv')}, all_varchar = true, header = true, ignore_errors = true) GROUP BY 1),
u AS (SELECT * FROM h UNION ALL SELECT * FROM s)
SELECT alias.dept, strftime(sub, '%Y-%m') AS month, count(*) AS n, median(${days}) AS median_days, quantile_cont(${days}, 0.9) AS p90_days, avg(rating) AS mean_rating
FROM u JOIN alias ON u.raw_dept = alias.raw LEFT JOIN r USING (id)
WHERE sub IS NOT NULL
GROUP BY ALL ORDER BY ALL`;
}

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? 'data';
  const t0 = performance.now();
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const wanted = process.argv[3];
  if (wanted !== undefined) {
    if (!/^[1-9]\d*$/.test(wanted)) throw new Error(`threads must be a positive integer, not "${wanted}"`);
    await conn.run(`SET threads = ${wanted}`);
  }
  const threads = (await conn.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS()[0]?.['t'];
  const t1 = performance.now();
  const rows = (await conn.runAndReadAll(referenceSql(dataDir))).getRowObjectsJS();
  const seconds = (performance.now() - t1) / 1000;
  const cases = rows.reduce((n, r) => n + Number(r['n']), 0);
  conn.closeSync();
  console.log(JSON.stringify({ mode: 'duckdb', groups: rows.length, cases, seconds, totalSeconds: (performance.now() - t0) / 1000, threads: String(threads), peakRssMiB: peakRssMiB() }));
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  });
}
