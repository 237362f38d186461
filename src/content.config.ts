/**
 * Content collections: service guides (data/services/*.md) and rules (data/rules/*.md),
 * validated with the shared schemas so a bad guide fails the build naming the file and field.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { rule, serviceGuide } from './lib/content-schema.ts';

const services = defineCollection({
  loader: glob({ pattern: '*.md', base: './data/services' }),
  schema: serviceGuide,
});

const rules = defineCollection({
  loader: glob({ pattern: '*.md', base: './data/rules' }),
  schema: rule,
});

export const collections = { services, rules };
