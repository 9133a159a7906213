// Prisma CLI configuration. The CLI is used offline only for `generate`, `validate` and `format`;
// migrations are created and applied by `npm run db:migration` / `npm run db:migrate`
// (scripts/db-*.ts), which drive Prisma's WebAssembly schema engine through the driver adapter.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/app.db" },
});
