import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chinese keywords are mostly two characters (节水, 天文, 防疫), and pg_trgm cannot use an index
 * for `ILIKE '%节水%'`: a two-character pattern inside a word yields no trigram, so every such
 * search read the whole table (at the large seed: 0.7 s for one count). Each activity now stores
 * the two-character pieces (bigrams) of its title and description, GIN-indexed; a keyword's
 * bigrams must all be among them (`@>`), and the ILIKE beside it decides exactly. Stored rather
 * than an expression index: a keyword found in nearly every row (科普) is then answered by a
 * sequential scan that compares stored arrays, not one that recomputes them per row (20 s).
 */
export class KeywordBigrams1700000000003 implements MigrationInterface {
  name = 'KeywordBigrams1700000000003';

  async up(db: QueryRunner): Promise<void> {
    // Lower-cased like ILIKE. Pairs at even offsets, then at odd ones, split on U+FFFF (removed
    // from the text first); a lone last character leaves an empty piece, which is dropped.
    // Duplicates are kept (GIN stores each key once per row).
    await db.query(`
      CREATE FUNCTION activity_keyword_bigrams(doc text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$
          SELECT array_remove(
                   string_to_array(regexp_replace(d, '(..)|.', E'\\\\1\\uFFFF', 'g'), E'\\uFFFF')
                   || string_to_array(regexp_replace(substr(d, 2), '(..)|.', E'\\\\1\\uFFFF', 'g'), E'\\uFFFF'),
                   '')
            FROM (SELECT translate(lower(doc), E'\\uFFFF', '') AS d) s
        $$`);
    await db.query(`
      ALTER TABLE activities
        ADD COLUMN keyword_bigrams text[] GENERATED ALWAYS AS (activity_keyword_bigrams(title || ' ' || description)) STORED`);
    await db.query('CREATE INDEX activities_keyword_bigrams ON activities USING gin (keyword_bigrams)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX activities_keyword_bigrams');
    await db.query('ALTER TABLE activities DROP COLUMN keyword_bigrams');
    await db.query('DROP FUNCTION activity_keyword_bigrams(text)');
  }
}
