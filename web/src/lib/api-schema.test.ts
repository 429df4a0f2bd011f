import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { API_SCHEMA_TYPES, generateApiTypes } from './api-types.ts';

test('the portal\'s API types match the committed openapi.json (regenerate with npm run openapi)', async () => {
  assert.ok(fs.readFileSync(API_SCHEMA_TYPES, 'utf8') === (await generateApiTypes()), 'web/src/lib/api-schema.d.ts is out of date: run npm run openapi');
});
