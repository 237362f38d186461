/** OpenAPI 3.1 description of the static JSON API (schemas point at the Table Schemas in datapackage.json). */
import { API_BASE } from './api.ts';

const ref = (resource: string) => ({
  type: 'object',
  description: `One row of ${resource}.csv; columns, types and meanings as in datapackage.json (resource "${resource}").`,
});
const nullable = (resource: string) => ({ oneOf: [ref(resource), { type: 'null' }] });
const rows = (resource: string) => ({ type: 'array', items: ref(resource) });

const get = (summary: string, schema: object, param?: { name: string; description: string; pattern?: string }) => ({
  get: {
    summary,
    ...(param ? { parameters: [{ name: param.name, in: 'path', required: true, description: param.description, schema: { type: 'string', ...(param.pattern ? { pattern: param.pattern } : {}) } }] } : {}),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema } } }, '404': { description: 'No such file' } },
  },
});

/** The OpenAPI document for a site at `siteUrl`. */
export function openApi(info: { title: string; version: string; licence: { id: string; url: string }; contact: string; siteUrl: string }): object {
  const release = { type: 'string', format: 'date', description: 'Release (as-of date) of the data.' };
  return {
    openapi: '3.1.0',
    info: {
      title: `${info.title} — static JSON API`,
      version: info.version,
      description: 'Read-only static files, one per department, service and month, rebuilt with each release. No authentication, no rate limits; the same figures as the CSV downloads.',
      license: { name: info.licence.id, identifier: info.licence.id },
      contact: { email: info.contact },
    },
    servers: [{ url: new URL(`/data/${API_BASE}`, info.siteUrl).href }],
    paths: {
      '/index.json': get('Index of departments, services and months', {
        type: 'object',
        properties: { release, departments: { type: 'array' }, services: { type: 'array' }, months: { type: 'array' } },
        required: ['release', 'departments', 'services', 'months'],
      }),
      '/departments/{id}.json': get(
        'A department: its row, 12-month summary, score, monthly measures and services',
        {
          type: 'object',
          properties: { release, department: ref('departments'), summary: nullable('department-summary'), score: nullable('scores'), months: rows('department-month'), services: { type: 'array', items: { type: 'string' } } },
          required: ['release', 'department', 'summary', 'score', 'months', 'services'],
        },
        { name: 'id', description: 'Department id (departments.csv)' },
      ),
      '/services/{id}.json': get(
        'A service: its row, 12-month summary and monthly measures',
        {
          type: 'object',
          properties: { release, service: ref('services'), summary: nullable('service-summary'), months: rows('service-month') },
          required: ['release', 'service', 'summary', 'months'],
        },
        { name: 'id', description: 'Service id (services.csv)' },
      ),
      '/months/{month}.json': get(
        'A month: city-wide and per-department measures',
        {
          type: 'object',
          properties: { release, month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, city: nullable('city-month'), departments: rows('department-month') },
          required: ['release', 'month', 'city', 'departments'],
        },
        { name: 'month', description: 'Month, YYYY-MM', pattern: '^\\d{4}-\\d{2}$' },
      ),
    },
  };
}
