/**
 * UI strings and locale-aware paths. Strings live in src/i18n/<locale>.json (flat dotted keys);
 * components call t() and never write interface text themselves.
 */
import zhCN from '../i18n/zh-CN.json';
import en from '../i18n/en.json';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

type Messages = Record<string, string>;
export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** The UI string for `key`, with `{name}` placeholders replaced. Throws on a missing key so a typo fails the build. */
export function t(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const template = messages[locale][key];
  if (template === undefined) throw new Error(`i18n: missing key "${key}" in src/i18n/${locale}.json`);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/** The other locale, for the language switch. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'zh-CN' ? 'en' : 'zh-CN';
}

/** The URL path of a site-relative path ("/services/x/") in a locale: zh-CN at the root, English under /en/. */
export function localePath(locale: Locale, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  return locale === 'en' ? `/en${clean}` : clean;
}

/** Strips the /en prefix from a pathname, giving the locale-neutral path. */
export function neutralPath(pathname: string): string {
  if (pathname === '/en' || pathname === '/en/') return '/';
  return pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
}

/** The short language key used in bilingual content and datasets ("zh" or "en"). */
export function lang(locale: Locale): 'zh' | 'en' {
  return locale === 'en' ? 'en' : 'zh';
}
