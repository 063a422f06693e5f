import pg from "pg";

const int8 = 20;

/**
 * The pool's own type parsers (pg's global ones stay untouched): bigint columns come back as numbers, as the
 * records declare them. Sizes, offsets and counters stay far below 2^53.
 */
export const postgresTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === int8 ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};
