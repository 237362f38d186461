/** Schema and loader for data/departments.yaml: ids, bilingual names and the aliases raw exports use. */
import { z } from 'zod';
import { loadYamlFile, validateYaml } from './yaml-file.ts';

export const departmentSchema = z.object({
  /** Stable id used in URLs and published files. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and "-"'),
  name: z.object({ zh: z.string().min(1), en: z.string() }),
  /** Names raw exports use for this department. */
  aliases: z.array(z.string().min(1)).default([]),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentsSchema = z.array(departmentSchema).min(1);

/** Checks ids and aliases are unique; throws naming the file and the duplicate. */
export function checkDepartments(path: string, departments: Department[]): Department[] {
  const ids = new Set<string>();
  const aliases = new Map<string, string>();
  departments.forEach((d, i) => {
    if (ids.has(d.id)) throw new Error(`${path}: key "${i}.id": department id "${d.id}" is used twice`);
    ids.add(d.id);
    for (const a of d.aliases) {
      const other = aliases.get(a);
      if (other !== undefined && other !== d.id) {
        throw new Error(`${path}: key "${i}.aliases": alias "${a}" is used by both "${other}" and "${d.id}"`);
      }
      aliases.set(a, d.id);
    }
  });
  return departments;
}

/** Validates parsed departments.yaml content. */
export function parseDepartments(path: string, data: unknown): Department[] {
  return checkDepartments(path, validateYaml(path, data, departmentsSchema));
}

/** Loads and validates departments.yaml. */
export function loadDepartments(path: string): Department[] {
  return checkDepartments(path, loadYamlFile(path, departmentsSchema));
}
