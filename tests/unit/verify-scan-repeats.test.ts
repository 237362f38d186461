import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { KnownValues } from '../../scripts/verify/detectors.ts';
import { scanDirectory } from '../../scripts/verify/scan.ts';
import { removeTempTrees, tempTree } from './temp-tree.ts';

afterAll(removeTempTrees);

const site = (files: Record<string, string | Buffer>): string => tempTree('glassbox-verify-repeats-', files);

describe('scanDirectory(root, opts) over repeated files', () => {
  it('reports a finding in every copy of a file (release folders), each under its own name, and counts every copy', async () => {
    const csv = 'record,district\r\n1,临江区滨江路88号3栋502室\r\n2,来电 15800001111\r\n';
    const gz = gzipSync(Buffer.from(csv));
    const root = site({
      'data/requests.csv': csv,
      'data/latest/requests.csv': csv,
      'data/releases/2026-10-31/requests.csv': csv,
      'data/requests.csv.gz': gz,
      'data/latest/requests.csv.gz': gz,
      'data/clean.csv': 'a,b\r\n',
      'data/latest/clean.csv': 'a,b\r\n',
    });
    const result = await scanDirectory(root, { allowDomains: [], known: new KnownValues(['临江区滨江路88号3栋502室']) });
    expect(result.files).toBe(7);
    expect(result.bytes).toBe(3 * Buffer.byteLength(csv) + 2 * gz.length + 2 * 5);
    const byFile = (file: string) => result.findings.filter((f) => f.file === file).map((f) => [f.kind, f.index]);
    const first = byFile('data/latest/requests.csv');
    expect(first.map(([kind]) => kind).sort()).toEqual(['known-identifier', 'mobile']);
    for (const file of ['data/requests.csv', 'data/releases/2026-10-31/requests.csv', 'data/requests.csv.gz', 'data/latest/requests.csv.gz']) expect(byFile(file), file).toEqual(first);
    expect(result.findings.filter((f) => f.file.endsWith('clean.csv'))).toEqual([]);
  });
});
