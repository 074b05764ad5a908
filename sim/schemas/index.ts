/**
 * The JSON Schemas taosim ships in `schemas/`, generated from the zod schemas (the single source
 * of truth). `npm run schemas` writes them; `schemas.test.ts` fails when a committed file is stale.
 *
 * @example
 * import { jsonSchemaFiles } from './index.ts';
 * Object.keys(jsonSchemaFiles()); // ['yuma-input.schema.json', 'yuma-output.schema.json']
 */
import { toJsonSchema } from '../config/zod.ts';
import { yumaInputSchema, yumaOutputSchema } from '../cli/yuma/schema.ts';

/** File name (under `schemas/`) → JSON Schema object. */
export function jsonSchemaFiles(): Record<string, Record<string, unknown>> {
  return {
    'yuma-input.schema.json': toJsonSchema(yumaInputSchema, {
      id: 'https://taosim.dev/schemas/yuma-input.schema.json',
      title: 'taosim yuma input (contract v1)',
      io: 'input',
    }),
    'yuma-output.schema.json': toJsonSchema(yumaOutputSchema, {
      id: 'https://taosim.dev/schemas/yuma-output.schema.json',
      title: 'taosim yuma output (contract v1)',
      io: 'output',
    }),
  };
}

/** The text of a schema file as written (2-space JSON, final newline). */
export function schemaFileText(schema: Record<string, unknown>): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

