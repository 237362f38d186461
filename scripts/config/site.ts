/** Schema and loader for data/site.yaml: names, time zone, as-of date, licence, thresholds. */
import { z } from 'zod';
import { loadYamlFile } from './yaml-file.ts';
import { QUASI_IDENTIFIERS } from '../anonymize/kanon.ts';

const bilingual = z.object({ zh: z.string().min(1), en: z.string() });

export const siteSchema = z.object({
  /** Site name. */
  name: bilingual,
  /** City or public body. */
  city: bilingual,
  /** True for the fictional sample city (a demo pseudonym secret is then allowed). */
  fictional: z.boolean().optional(),
  locales: z.array(z.string().min(1)).min(1),
  /** IANA time zone of the city: local dates, months and working days use it. */
  timezone: z.string().refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-CA', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a known IANA time zone (e.g. "Asia/Shanghai")' },
  ),
  /** The explicit as-of date (YYYY-MM-DD); the only way time enters the build. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as "YYYY-MM-DD" (quoted)'),
  /** Number of complete months published, ending with the as-of month. */
  months: z.number().int().min(1).max(240),
  licence: z.object({ id: z.string().min(1), title: z.string().min(1), url: z.string().url() }),
  publisher: bilingual,
  contact: z.string().min(1),
  thresholds: z.object({
    /** Cells with 1..minCell-1 cases are suppressed. */
    minCell: z.number().int().min(1),
    /** Records are published only where at least k share their quasi-identifiers. */
    k: z.number().int().min(1),
    /** No score or rank below this many cases in the period. */
    minCasesForScore: z.number().int().min(0),
  }).refine((t) => t.k >= t.minCell, {
    message: 'k must be at least minCell: any cell can be recounted from the published records, so a smaller k would publish cells below the threshold',
    path: ['k'],
  }),
  /** Request-level records: the quasi-identifiers they are k-anonymous on (default: all five). */
  records: z
    .object({
      /** Fields an outsider could link to a person; each is generalized (date → week → month, district → city, service → category) or suppressed until k rows share it. */
      quasiIdentifiers: z.array(z.enum(QUASI_IDENTIFIERS)).default([...QUASI_IDENTIFIERS]),
    })
    .default({ quasiIdentifiers: [...QUASI_IDENTIFIERS] }),
  /** Department score: methodology version and component weights (rescaled to sum 1 over available components). */
  score: z
    .object({
      version: z.string().min(1),
      weights: z.object({
        timeliness: z.number().min(0),
        satisfaction: z.number().min(0),
        rectification: z.number().min(0),
        digital: z.number().min(0),
        guides: z.number().min(0),
        repeat: z.number().min(0),
      }),
    })
    .default({ version: '1.0', weights: { timeliness: 30, satisfaction: 25, rectification: 15, digital: 10, guides: 10, repeat: 10 } }),
  /** Working days allowed to rectify or explain a bad review. */
  rectification: z.object({ limitWorkingDays: z.number().int().min(0) }).default({ limitWorkingDays: 15 }),
  /** Natural days within which a second contact about the same service is a repeat. */
  repeatWindowDays: z.number().int().min(1).default(30),
  /** Name of the environment variable holding the pseudonym secret. */
  secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name like GLASSBOX_SECRET'),
});
export type Site = z.infer<typeof siteSchema>;

/** Loads and validates site.yaml; errors name the file and the key. */
export function loadSite(path: string): Site {
  return loadYamlFile(path, siteSchema);
}
