/** Writes openapi.json from the routes' schemas. */
import fs from 'node:fs';
import { committedOpenApiPath, generateOpenApi } from '../server/openapi.ts';

fs.writeFileSync(committedOpenApiPath, await generateOpenApi());
console.log(`wrote ${committedOpenApiPath}`);
