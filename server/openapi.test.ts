import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { committedOpenApiPath, generateOpenApi } from './openapi.ts';

test('the committed openapi.json matches the code (run `npm run openapi` after changing a route)', async () => {
  const generated = await generateOpenApi();
  assert.equal(fs.readFileSync(committedOpenApiPath, 'utf8'), generated);
  const doc = JSON.parse(generated);
  assert.equal(doc.openapi, '3.1.0');
  for (const path of ['/api/v1/states', '/api/v1/states/{iso2}', '/api/v1/organs', '/api/v1/chairmanships', '/api/v1/meetings', '/api/v1/meetings.ics', '/api/v1/documents', '/api/v1/documents/{key}', '/api/v1/documents.csv']) {
    assert.ok(doc.paths[path], path);
  }
});
