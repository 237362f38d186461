import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { buildDataPackage } from '../../scripts/publish/datapackage.ts';
import { dictionary } from '../../scripts/publish/dictionary.ts';
import { constraintsOf, tableKeys } from '../../scripts/publish/keys.ts';
import { toCsv } from '../../scripts/publish/csv.ts';
import { sha256 } from '../../scripts/publish/hash.ts';

const { validate } = createRequire(import.meta.url)('datapackage') as { validate: (d: object) => Promise<{ valid: boolean; errors: unknown[] }> };

interface Field { name: string; type: string; description: string; constraints?: Record<string, unknown> }
interface Resource { name: string; path: string; bytes: number; hash: string; schema: { fields: Field[]; primaryKey?: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] } }

const info = { name: 'test', title: 'Test', description: 'd', licence: { id: 'CC-BY-4.0', title: 'CC BY', url: 'https://creativecommons.org/licenses/by/4.0/' }, publisher: 'P', contact: 'x@example.org', version: '2026-10-31' };
const files = new Map<string, Uint8Array>(Object.keys(dictionary).map((d) => [`${d}.csv`, Buffer.from(toCsv((dictionary[d]?.columns ?? []).map((c) => c.name), []))] as const));
const pkg = buildDataPackage(info, dictionary, files) as { resources: Resource[] };

describe('buildDataPackage(info, dictionary, files)', () => {
  it('is valid against the Data Package v1 JSON Schema profiles', async () => {
    const r = await validate(pkg);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('is rejected by the validator when a field type is not a Table Schema type', async () => {
    const bad = JSON.parse(JSON.stringify(pkg)) as { resources: Resource[] };
    const field = bad.resources[0]?.schema.fields[0];
    if (field) field.type = 'yearweek';
    expect((await validate(bad)).valid).toBe(false);
  });

  it('describes every resource with bytes, sha256 and keys that name real fields and resources', () => {
    expect(pkg.resources.map((r) => r.name).sort()).toEqual(Object.keys(dictionary).sort());
    for (const r of pkg.resources) {
      expect(r.hash, r.name).toBe(`sha256:${sha256(files.get(r.path) ?? new Uint8Array())}`);
      expect(r.bytes).toBe(files.get(r.path)?.byteLength);
      const names = r.schema.fields.map((f) => f.name);
      for (const k of r.schema.primaryKey ?? []) expect(names, r.name).toContain(k);
      for (const fk of r.schema.foreignKeys ?? []) {
        for (const f of fk.fields) expect(names, r.name).toContain(f);
        const target = pkg.resources.find((x) => x.name === fk.reference.resource);
        expect(target, `${r.name} -> ${fk.reference.resource}`).toBeDefined();
        for (const f of fk.reference.fields) expect(target?.schema.primaryKey).toContain(f);
      }
      for (const f of r.schema.fields) {
        const col = dictionary[r.name]?.columns.find((c) => c.name === f.name);
        expect(f.description, `${r.name}.${f.name}`).toBe(`${col?.description.en} / ${col?.description.zh}`);
      }
    }
    expect(Object.keys(tableKeys).filter((d) => !(d in dictionary))).toEqual([]);
  });
});

describe('constraintsOf(dataset, name, type)', () => {
  it('bounds shares to [0, 1], counts at 0 and ratings to 1..5, and requires primary-key fields', () => {
    expect(constraintsOf('department-month', 'on_time_rate', 'number')).toEqual({ minimum: 0, maximum: 1 });
    expect(constraintsOf('department-month', 'requests', 'integer')).toEqual({ minimum: 0 });
    expect(constraintsOf('department-month', 'month', 'month')).toEqual({ required: true });
    expect(constraintsOf('requests', 'rating', 'integer')).toEqual({ minimum: 1, maximum: 5 });
    expect(constraintsOf('scores', 'score', 'number')).toEqual({ minimum: 0, maximum: 100 });
    expect(constraintsOf('scores', 'change', 'number')).toEqual({});
    expect(constraintsOf('services', 'promised_unit', 'string')).toEqual({ enum: ['working', 'natural'] });
  });
});
