/**
 * `npm run schemas`: (re)write `schemas/*.schema.json` from the zod schemas.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemaFiles, schemaFileText } from './index.ts';

const dir = new URL('../../schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(new URL(name, dir), schemaFileText(schema));
  console.log(`wrote schemas/${name}`);
}
