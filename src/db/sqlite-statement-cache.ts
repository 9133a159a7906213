/** Distinct statements kept prepared per connection (Prisma's SQL has a few hundred shapes). */
const CACHE_SIZE = 500;

/** The members of a better-sqlite3 statement used here. */
interface Statement {
  readonly reader: boolean;
  columns(): unknown[];
  run(...args: unknown[]): unknown;
  raw(on: boolean): { all(...args: unknown[]): unknown[] };
}

/** A better-sqlite3 connection, as far as it matters here. */
export interface SqliteConnection {
  prepare(sql: string): unknown;
}

/**
 * Makes a better-sqlite3 connection reuse its prepared statements. Prisma's SQLite adapter
 * prepares every statement it runs afresh — SQLite parses and plans it each time, 7 % of the
 * bot's CPU in a profile of bench:updates — then binds the arguments to it for good, which is
 * why a plain cache of `prepare` cannot be used as such. The connection's `prepare` is replaced by one that
 * keeps the statements of the last {@link CACHE_SIZE} distinct SQL texts and hands out
 * single-use bindings of them: `bind(args)` returns the few members the adapter uses (`reader`,
 * `columns()`, `run()`, `raw().all()`), each passing the arguments on the call.
 *
 * Statements run synchronously and `all()`/`run()` finish before returning, so one prepared
 * statement serves every caller in turn. Anything else the adapter might call on a binding is
 * missing, and fails loudly in the suite rather than quietly (the adapter's version is pinned).
 */
export function cacheStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement) {
      // Most recently used last, so that the first entry is the one to drop.
      cache.delete(sql);
    } else {
      statement = prepare(sql);
      if (cache.size >= CACHE_SIZE) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    cache.set(sql, statement);
    return statement;
  };
  const cached = (sql: string) => {
    const statement = prepared(sql);
    return {
      run: (...args: unknown[]) => statement.run(...args),
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        columns: () => statement.columns(),
        run: () => statement.run(args),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    };
  };
  Object.defineProperty(connection, "prepare", { value: cached, configurable: true, writable: true });
}
