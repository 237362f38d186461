import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configKey, loadHtmlConfig, readHtmlCache, validatePages, writeHtmlCache, type HtmlCache } from '../../scripts/verify/html.ts';

const doc = (body: string): string => `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>A page</title></head>\n<body>\n<main>${body}</main>\n</body>\n</html>\n`;
const config = loadHtmlConfig();

describe('loadHtmlConfig()', () => {
  it('reads .htmlvalidate.mjs, extending the recommended preset', () => {
    expect(config.extends).toEqual(['html-validate:recommended']);
  });
});

describe('validatePages(pages, config, cache)', () => {
  it('passes a valid page', () => {
    expect(validatePages([{ file: 'ok.html', html: doc('<p>Fine</p>') }], config).problems).toEqual([]);
  });

  it('reports an invalid element as file:line:col rule message', () => {
    const { problems } = validatePages([{ file: 'bad/index.html', html: doc('<p><div>block in a paragraph</div></p>') }], config);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^bad\/index\.html:5:\d+ [a-z-]+ /);
  });

  it('reports a button without a type and an image without alt', () => {
    const { problems } = validatePages([{ file: 'b.html', html: doc('<button>Go</button><img src="x.png">') }], config);
    expect(problems.map((p) => p.split(' ')[1])).toEqual(['no-implicit-button-type', 'wcag/h37']);
  });

  it('validates each content once: identical pages and cached pages are not validated again', () => {
    const cache: HtmlCache = new Map();
    const pages = [{ file: 'a.html', html: doc('<button>x</button>') }, { file: 'b.html', html: doc('<button>x</button>') }];
    const first = validatePages(pages, config, cache);
    expect(first.validated).toBe(1);
    expect(first.problems.filter((p) => p.startsWith('b.html:'))).toHaveLength(first.problems.length / 2);
    const second = validatePages(pages, config, cache);
    expect(second.validated).toBe(0);
    expect(second.problems).toEqual(first.problems);
  });
});

describe('readHtmlCache(file, key) and writeHtmlCache(file, key, cache)', () => {
  it('round-trips entries and drops them when the config changes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'glassbox-html-')), 'cache', 'html.json');
    const key = configKey(config);
    writeHtmlCache(file, key, new Map([['abc', [{ line: 1, column: 2, ruleId: 'r', message: 'm', severity: 2 }]]]));
    expect(readHtmlCache(file, key).get('abc')?.[0]?.ruleId).toBe('r');
    expect(readHtmlCache(file, configKey({ ...config, rules: {} })).size).toBe(0);
    expect(readHtmlCache(join(file, '..', 'missing.json'), key).size).toBe(0);
  });
});
