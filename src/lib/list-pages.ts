/** Static paths of the paginated list pages (pages 2..; page 1 is the list's own route), shared by both languages' routes. */
import { departments } from './data.ts';
import { departmentServices } from './department-services.ts';
import { pageCount } from './paginate.ts';

/** Pages 2.. of the services list of `guides` guides (page 1 is /services/). */
export function servicesListPaths(guides: number): { params: { n: string } }[] {
  return Array.from({ length: pageCount(guides) - 1 }, (_, i) => ({ params: { n: String(i + 2) } }));
}

/** Pages 2.. of each department's services list (page 1 is /departments/<id>/services/). */
export function departmentServicesPaths(): { params: { id: string; n: string } }[] {
  return departments().flatMap((d) => Array.from({ length: pageCount(departmentServices(d.id).length) - 1 }, (_, i) => ({ params: { id: d.id, n: String(i + 2) } })));
}
