/**
 * Content collections: service guides and rules, read from the published documents
 * (public/data/guides-full.jsonl and rules-full.jsonl, written by the pipeline's guide stage from
 * data/services/*.md, data/guide-sources/ exports and data/rules/*.md) and validated again with
 * the shared schemas, so a bad guide fails the build naming the entry and field.
 */
import { defineCollection } from 'astro:content';
import { rule, serviceGuide } from './lib/content-schema.ts';
import { publishedLoader } from './lib/published-loader.ts';
import { files } from './lib/published.ts';

const services = defineCollection({ loader: publishedLoader(files.guideDocuments), schema: serviceGuide });

const rules = defineCollection({ loader: publishedLoader(files.ruleDocuments), schema: rule });

export const collections = { services, rules };
