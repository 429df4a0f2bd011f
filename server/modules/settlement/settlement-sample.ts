/**
 * The sample of data/samples (participants, rates, a day's obligations) loaded through the API,
 * and a cycle run on it — what the README shows, for the route, matrix and browser tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../../config.ts';

export const sampleFile = (name: string) => fs.readFileSync(path.join(projectRoot, 'data', 'samples', name), 'utf8');

/** Loads the sample as the operator whose request `headers` are given; returns the cycle's id. */
export async function loadSettlementSample(app: FastifyInstance, headers: Record<string, string>): Promise<string> {
  const send = async (url: string, payload: string, contentType: string) => {
    const res = await app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload });
    if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id?: string };
  };
  await send('/api/v1/settlement/participants', sampleFile('settlement-participants.json'), 'application/json');
  await send('/api/v1/settlement/rates', sampleFile('rates-2026-12-01.csv'), 'text/csv');
  await send('/api/v1/settlement/obligations', sampleFile('obligations-2026-12-01.csv'), 'text/csv');
  return (await send('/api/v1/settlement/cycles', JSON.stringify({ date: '2026-12-01', unit: 'CNY', vehicle: 'USD' }), 'application/json')).id!;
}
