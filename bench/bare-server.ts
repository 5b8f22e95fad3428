/**
 * The reference for the HTTP benchmark: a bare Fastify server (no logging, no auth, no Nest)
 * answering GET /auth/me with the JSON given in BENCH_BODY. Started by http.bench.ts.
 */
import Fastify from 'fastify';

async function main() {
  const body = process.env.BENCH_BODY ?? '{}';
  const port = Number(process.env.PORT ?? 0);
  const app = Fastify({ logger: false });
  app.get('/auth/me', async (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send(body),
  );
  app.get('/health/live', async () => ({ status: 'ok' }));
  await app.listen({ port, host: '127.0.0.1' });
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
