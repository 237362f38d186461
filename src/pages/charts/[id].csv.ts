/** /charts/<id>.csv: the data of one chart, as drawn (src/lib/chart-specs.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartCatalog, chartCsv, chartSpec } from '../../lib/chart-specs.ts';

export const getStaticPaths = (() => chartCatalog().map((e) => ({ params: { id: e.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(chartCsv(chartSpec(params.id ?? '', 'en').data), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
