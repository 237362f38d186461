import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localePath, messages, neutralPath, otherLocale, t } from '../../src/lib/i18n.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('src/i18n/*.json', () => {
  it('has the same keys in every locale', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['zh-CN']).sort());
  });

  it('uses the same {placeholders} for a key in every locale', () => {
    for (const key of Object.keys(messages['zh-CN'])) {
      expect(placeholders(messages.en[key] ?? ''), key).toEqual(placeholders(messages['zh-CN'][key] ?? ''));
    }
  });

  it('has no empty strings except deliberate separators', () => {
    const allowedEmpty = new Set(['summary.join']); // zh joins sentences without a space
    for (const [locale, m] of Object.entries(messages)) {
      for (const [key, v] of Object.entries(m)) if (!allowedEmpty.has(key)) expect(v.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('defines every key that the components and pages ask for with a literal t(locale, "…")', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(astro|ts)$/.test(e.name)) files.push(p);
      }
    };
    for (const d of ['src/components', 'src/layouts', 'src/pages', 'src/lib']) walk(d);
    const missing: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*[\w'"-]+\s*,\s*'([\w.-]+)'/g)) {
        const key = m[1]!;
        if (!(key in messages['zh-CN']) || !(key in messages.en)) missing.push(`${f}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('t(locale, key, vars)', () => {
  it('replaces placeholders and leaves unknown ones alone', () => {
    expect(t('en', 'department.title', { name: 'Tax' })).toBe('Tax scorecard');
    expect(t('en', 'department.title')).toBe('{name} scorecard');
  });
  it('throws naming the file for a missing key', () => {
    expect(() => t('en', 'no.such.key')).toThrow(/src\/i18n\/en\.json/);
  });
});

describe('localePath(locale, path) and neutralPath(pathname)', () => {
  it('puts zh-CN at the root and English under /en/', () => {
    expect(localePath('zh-CN', '/services/')).toBe('/services/');
    expect(localePath('en', '/services/')).toBe('/en/services/');
    expect(localePath('en', '/')).toBe('/en/');
  });
  it('round-trips through neutralPath', () => {
    expect(neutralPath('/en/rules/x/')).toBe('/rules/x/');
    expect(neutralPath('/en/')).toBe('/');
    expect(neutralPath('/rules/')).toBe('/rules/');
    expect(otherLocale('en')).toBe('zh-CN');
  });
});

describe('keys built from schema values (t(locale, `itemType.${…}`) etc.)', () => {
  it('exist for every enum value the content and data can hold', async () => {
    const schema = await import('../../src/lib/content-schema.ts');
    const { channelKeys } = await import('../../src/lib/lookup.ts');
    const keys = [
      ...schema.itemTypes.map((v) => `itemType.${v}`),
      ...schema.channels.map((v) => `applyChannel.${v}`),
      ...schema.ruleLevels.map((v) => `ruleLevel.${v}`),
      ...schema.rule.shape.status.options.flatMap((v) => [`ruleStatus.${v}`, `ruleStatus.${v}.notice`]),
      ...schema.serviceGuide.shape.materials.element.shape.form.options.map((v) => `form.${v}`),
      ...schema.serviceGuide.shape.serves.element.options.map((v) => `serves.${v}`),
      ...channelKeys.map((v) => `channel.${v}`),
      ...['string', 'integer', 'number', 'boolean', 'date', 'month'].map((v) => `dataType.${v}`),
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(keys.filter((k) => !(k in messages[locale])), locale).toEqual([]);
    }
  });
});
