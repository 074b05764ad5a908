import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles, schemaFileText } from './index.ts';

describe('schemas/*.schema.json', () => {
  for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
    it(`${name} is up to date (else run: npm run schemas)`, () => {
      const committed = readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8');
      expect(committed).toBe(schemaFileText(schema));
    });

    it(`${name} is draft 2020-12 with no untyped leaf`, () => {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      // an empty {} would mean a zod type JSON Schema cannot express slipped through
      expect(JSON.stringify(schema)).not.toMatch(/:\{\}/);
    });
  }
});
