import { defineConfig } from 'drizzle-kit';

// The member host's own tables (src/host/hostTables.ts): `pnpm db:generate:host` writes drizzle-host/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/host/hostTables.ts',
  out: './drizzle-host',
});
