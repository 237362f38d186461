/**
 * Checks the sample content: loads guides and rules with the pipeline loader, then cross-checks
 * ids, departments, rule links, supersession chains, and scans for personal-looking data.
 * Usage: node scripts/sample/content/check.ts [rootDir]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { rule as ruleSchema, serviceGuide } from '../../../src/lib/content-schema.ts';
import { loadGuides, loadRules, readFrontMatter } from '../../content/load.ts';

const EXPECTED = `business-licence individual-business-licence business-change-registration business-deregistration food-business-licence
social-security-card social-security-card-replacement unemployment-insurance pension-insurance-enrolment pension-transfer
medical-reimbursement medical-insurance-enrolment cross-region-medical-filing chronic-disease-certification maternity-allowance
provident-fund-withdrawal provident-fund-withdrawal-purchase provident-fund-loan provident-fund-account provident-fund-transfer
residence-permit driving-licence-renewal id-card-application household-registration-transfer vehicle-registration no-criminal-record
marriage-registration divorce-registration minimum-living-allowance elderly-allowance social-organisation-registration
building-permit presale-permit public-rental-housing construction-completion-filing housing-rental-registration
tax-registration invoice-application individual-income-tax-refund tax-clearance deed-tax
road-transport-licence taxi-driver-permit vehicle-transport-certificate
real-estate-registration land-use-planning-permit construction-planning-permit real-estate-records-inquiry
school-enrolment teacher-qualification private-school-licence eia-approval pollutant-discharge-permit
birth-certificate medical-practitioner-registration clinic-licence public-place-health-permit
outdoor-advertising-permit road-excavation-permit construction-waste-permit`.split(/\s+/);

const root = process.argv[2] ?? '.';
const problems: string[] = [];
const fail = (m: string): void => void problems.push(m);

const guides = loadGuides(join(root, 'data/services'));
const rules = loadRules(join(root, 'data/rules'));
const depts = new Set((parse(readFileSync(join(root, 'data/departments.yaml'), 'utf8')) as { id: string }[]).map((d) => d.id));
const guideIds = new Set(guides.map((g) => g.id));
const ruleById = new Map(rules.map((r) => [r.id, r]));

if (guides.length !== 60) fail(`expected 60 guides, got ${guides.length}`);
for (const id of EXPECTED) if (!guideIds.has(id)) fail(`missing guide ${id}`);
for (const id of guideIds) if (!EXPECTED.includes(id)) fail(`unexpected guide ${id}`);
if (rules.length < 16) fail(`expected at least 16 rules, got ${rules.length}`);

const linkedFrom = new Map<string, Set<string>>();
for (const g of guides) {
  if (!depts.has(g.department)) fail(`${g.id}: unknown department ${g.department}`);
  const lim = (t: { days: number; unit: string }): number => (t.unit === 'working' ? t.days * 1.4 : t.days);
  if (g.promisedLimit.unit === g.statutoryLimit.unit ? g.promisedLimit.days > g.statutoryLimit.days : lim(g.promisedLimit) > lim(g.statutoryLimit))
    fail(`${g.id}: promised limit exceeds statutory`);
  if (g.materials.length < 2 && g.id !== 'provident-fund-transfer') fail(`${g.id}: fewer than 2 materials`);
  if (g.faq.length < 2) fail(`${g.id}: fewer than 2 FAQ`);
  if (g.fees.free !== (g.fees.items.length === 0)) fail(`${g.id}: fees.free inconsistent`);
  for (const l of g.legalBasis) {
    if (!l.rule) continue;
    const r = ruleById.get(l.rule);
    if (!r) fail(`${g.id}: links unknown rule ${l.rule}`);
    else if (r.status !== 'in-force') fail(`${g.id}: links ${r.status} rule ${l.rule}`);
    else if (!r.services.includes(g.id)) fail(`${l.rule}: services lacks ${g.id} which links to it`);
    (linkedFrom.get(l.rule) ?? linkedFrom.set(l.rule, new Set()).get(l.rule))?.add(g.id);
  }
  for (const [k, v] of [['name', g.name], ['summary', g.summary], ['place', g.place], ['hours', g.hours]] as const)
    if (!v.en) fail(`${g.id}: ${k}.en empty`);
  if (g.keywords.en.length === 0 || g.conditions.zh.length !== g.conditions.en.length) fail(`${g.id}: keyword/condition lists`);
}
let chains = 0;
for (const r of rules) {
  for (const s of r.services) if (!guideIds.has(s)) fail(`${r.id}: unknown service ${s}`);
  if (r.status === 'in-force' && !linkedFrom.has(r.id)) fail(`${r.id}: in force but linked from no guide`);
  if (r.supersededBy) {
    const n = ruleById.get(r.supersededBy);
    if (!n || n.supersedes !== r.id) fail(`${r.id}: supersededBy ${r.supersededBy} not mirrored`);
    if (!r.repealed || r.status === 'in-force') fail(`${r.id}: superseded but no repealed date or still in force`);
    else chains++;
  }
  if (r.supersedes && ruleById.get(r.supersedes)?.supersededBy !== r.id) fail(`${r.id}: supersedes not mirrored`);
  const n = r.text.zh.split('\n\n').length;
  if (n < 6 || n > 12 || r.text.en.split('\n\n').length !== n) fail(`${r.id}: ${n} articles or zh/en mismatch`);
}
if (chains < 2) fail(`only ${chains} supersession chains`);

// Astro reads front matter with js-yaml (YAML 1.1, where 2025-01-01 is a date): it must parse to the same valid data.
const yaml11 = (src: string): unknown => parse(src, { schema: 'yaml-1.1' });
for (const [dir, schema] of [['data/services', serviceGuide], ['data/rules', ruleSchema]] as const) {
  for (const name of readdirSync(join(root, dir)).filter((n) => n.endsWith('.md'))) {
    const path = join(root, dir, name);
    const text = readFileSync(path, 'utf8');
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    const r = schema.safeParse(yaml11(m?.[1] ?? ''));
    if (!r.success) fail(`${path}: invalid as YAML 1.1: ${r.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    if (JSON.stringify(yaml11(m?.[1] ?? '')) !== JSON.stringify(readFrontMatter(path, text).data)) fail(`${path}: YAML 1.1 and 1.2 readings disagree`);
    if (/\d{11,}/.test(text)) fail(`${path}: run of 11+ digits`);
    for (const e of text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) if (!e.endsWith('@example.org')) fail(`${path}: email ${e}`);
    if (/1[3-9]\d{9}/.test(text)) fail(`${path}: looks like a mobile number`);
    for (const u of text.match(/https?:\/\/[^\s"']+/g) ?? []) if (!u.startsWith('https://www.example.org/')) fail(`${path}: url ${u}`);
  }
}

console.log(`${guides.length} guides, ${rules.length} rules (${rules.filter((r) => r.status === 'in-force').length} in force, ${chains} superseded)`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('content check: OK');
