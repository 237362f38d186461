/**
 * The site's Content-Security-Policy, set as the first <meta> in every page's <head> (a CSP
 * <meta> governs only what follows it). No inline scripts: Astro bundles them into files
 * (vite.build.assetsInlineLimit 0). 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly;
 * inline styles stay allowed. scripts/verify/csp.ts enforces it on every built page.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
