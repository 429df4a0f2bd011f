/** Writes openapi.json from the routes' schemas, then the portal's types generated from it. */
import fs from 'node:fs';
import { committedOpenApiPath, generateOpenApi } from '../server/openapi.ts';

fs.writeFileSync(committedOpenApiPath, await generateOpenApi());
console.log(`wrote ${committedOpenApiPath}`);
// Imported after openapi.json is written: the types are generated from the file as committed.
const { API_SCHEMA_TYPES, generateApiTypes } = await import('../web/src/lib/api-types.ts');
fs.writeFileSync(API_SCHEMA_TYPES, await generateApiTypes());
console.log(`wrote ${API_SCHEMA_TYPES.pathname}`);
