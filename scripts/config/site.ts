/** Schema and loader for data/site.yaml: names, time zone, as-of date, licence, thresholds. */
import { z } from 'zod';
import { loadYamlFile } from './yaml-file.ts';

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
  }),
  /** Name of the environment variable holding the pseudonym secret. */
  secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name like GLASSBOX_SECRET'),
});
export type Site = z.infer<typeof siteSchema>;

/** Loads and validates site.yaml; errors name the file and the key. */
export function loadSite(path: string): Site {
  return loadYamlFile(path, siteSchema);
}
