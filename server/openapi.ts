/** The OpenAPI document as the code describes it; openapi.json at the root is its committed copy. */
import path from 'node:path';
import { buildApp } from './app.ts';
import { openDatabase } from './db/client.ts';
import { projectRoot } from './config.ts';

export const committedOpenApiPath = path.join(projectRoot, 'openapi.json');

export async function generateOpenApi(): Promise<string> {
  const database = await openDatabase({});
  const app = await buildApp({ db: database.db, webDir: '', chainAudit: false });
  await app.ready();
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await database.close();
  return text;
}
