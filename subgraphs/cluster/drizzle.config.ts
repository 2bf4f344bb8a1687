import { defineConfig } from 'drizzle-kit';

// Migrations are generated here and applied by the service at start-up (openDatabase).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
