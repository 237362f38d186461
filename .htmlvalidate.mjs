// html-validate configuration for the built site (scripts/verify/html.ts validates every page of
// dist/ with it; editors and `npx html-validate dist` pick it up too). A .mjs file rather than
// .htmlvalidate.json so that every relaxed rule can carry its reason.
export default {
  root: true,
  extends: ['html-validate:recommended'],
  rules: {
    // Relaxed from 70 characters: titles read "<page subject> - <site name>" and the English site
    // name alone is ~40 characters. The subject comes first, so where search results cut a long
    // title they cut the site name, not what tells pages apart (uniqueness is checked by
    // scripts/verify/titles.ts). 120 still catches a runaway title.
    'long-title': ['error', { maxlength: 120 }],
  },
};
