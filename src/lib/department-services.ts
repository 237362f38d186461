/**
 * A department's services with the figures its pages rank and show them by, from the published
 * services.json, service-summary.json and kpis.json rows (looked up by index, so a department
 * costs the same whatever the number of services elsewhere).
 */
import { services } from './data.ts';
import { groupBy, kpiOf, serviceSummaryOf } from './data-index.ts';
import type { ServiceRow } from './published.ts';
import { byRequests, type ServiceFigures } from './service-lists.ts';

/** One service of a department, with what its tables print. */
export interface DepartmentService extends ServiceFigures {
  service: ServiceRow;
  /** Share closed within the promised limit (kpis.csv promise_rate; null when not published: the on-time rate is another measure). */
  promiseRate: number | null;
  medianWd: number | null;
}

let byDepartment: Map<string, ServiceRow[]> | undefined;

/** The services of department `id`, most requests first (suppressed counts last, ties by id). */
export function departmentServices(id: string): DepartmentService[] {
  byDepartment ??= groupBy(services(), (r) => r.department);
  return byRequests(
    (byDepartment.get(id) ?? []).map((service) => {
      const s = serviceSummaryOf(service.id);
      const k = kpiOf('service', service.id);
      return {
        id: service.id,
        service,
        requests: s?.requests ?? null,
        promiseN: k?.promise_n ?? null,
        promiseKept: k?.promise_kept ?? null,
        promiseRate: k?.promise_rate ?? null,
        medianWd: s?.median_wd ?? null,
      };
    }),
  );
}
