import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const server = process.env.HOITHI_TEST_SERVER;
  const template = process.env.HOITHI_TEST_TEMPLATE;
  if (!server || !template) return;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
    [template, `${template}\\_f\\_%`],
  );
  for (const { datname } of rows)
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
}
