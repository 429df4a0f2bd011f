/** Types of API responses, from the generated contract (api-schema.d.ts): `Json<'/api/v1/organs'>`. */
import createClient from 'openapi-fetch';
import type { paths } from './api-schema.d.ts';

/** The JSON body of a successful GET of `P`. */
export type Json<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;

/** A typed client of the API (openapi-fetch): paths, parameters and bodies checked against the contract. */
export const client = createClient<paths>({ baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin });
