/**
 * The baseline for `bench/api.ts`: a bare Fastify server answering every recorded request with
 * the product's own status, content type and body, held in memory. Started by the benchmark with
 * the file of recorded answers as its argument; prints "ready" when it listens.
 */
import fs from 'node:fs';
import Fastify from 'fastify';

interface Recorded {
  method: 'GET' | 'POST';
  url: string;
  status: number;
  contentType: string;
  body: string;
}

const [file, port] = process.argv.slice(2);
const answers = new Map<string, Recorded>();
for (const r of JSON.parse(fs.readFileSync(file!, 'utf8')) as Recorded[]) answers.set(`${r.method} ${r.url}`, r);

const app = Fastify({ logger: false });
// Bodies are taken as they come and ignored: the answer is fixed.
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
const answer = (method: string, url: string) => answers.get(`${method} ${url}`);
app.route({
  method: ['GET', 'POST'],
  url: '/*',
  handler: (request, reply) => {
    const r = answer(request.method, request.url);
    if (!r) return reply.code(404).send('not recorded');
    return reply.code(r.status).header('content-type', r.contentType).send(r.body);
  },
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log('ready');
