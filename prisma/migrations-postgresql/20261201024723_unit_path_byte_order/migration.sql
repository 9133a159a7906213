-- PostgreSQL only, written by hand (Prisma has no collation attribute for a column).
-- Subtree queries select a unit and everything under it as a range of materialised paths,
-- "/1/5/" <= path < "/1/50" (src/domain/units/unit-path.ts), which is a subtree only in byte
-- order. A database's default collation may follow language rules instead (glibc's ignore
-- punctuation, so "/1/5/9/" would sort after "/1/50"), so the column compares bytes whatever
-- the database's collation. Its index is rebuilt with it.
ALTER TABLE "Unit" ALTER COLUMN "path" TYPE TEXT COLLATE "C";
