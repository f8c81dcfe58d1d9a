import type { MigrationInterface, QueryRunner } from 'typeorm';
import { recountVolunteerStats } from '../../stats/volunteer-stats.recount';

/**
 * Dashboard rollups of volunteering, kept in the same transaction as every write that changes them
 * (never recomputed from raw rows per request). A scope is 'N' (national), 'R:<code>' (a region
 * with everything in it), 'O:<id>' (an organisation itself) or 'T:<id>' (an organisation and
 * everything below it). campaign_year 0 is the bucket of all campaigns together: registered
 * volunteers and teams have no campaign and live only there; service figures are kept both per
 * campaign and there, so that "distinct active volunteers over all campaigns" is a maintained
 * number too. Volunteers and teams count where they are registered (their region, their
 * organisation's path); service counts where it was given (the activity's region and its organiser's
 * path, both stored on the record).
 */
export class Stats1700000000002 implements MigrationInterface {
  name = 'Stats1700000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE volunteer_stats (
        scope varchar(40) NOT NULL,
        campaign_year int NOT NULL,
        dimension varchar(16) NOT NULL,
        key varchar(32) NOT NULL,
        volunteers int NOT NULL DEFAULT 0,
        teams int NOT NULL DEFAULT 0,
        active_volunteers int NOT NULL DEFAULT 0,
        service_records int NOT NULL DEFAULT 0,
        service_hours numeric(14,1) NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, campaign_year, dimension, key)
      )`);
    // Who has served in a scope and campaign: the first row of a volunteer makes it active there.
    await db.query(`
      CREATE TABLE volunteer_active (
        scope varchar(40) NOT NULL,
        campaign_year int NOT NULL,
        volunteer_id uuid NOT NULL,
        PRIMARY KEY (scope, campaign_year, volunteer_id)
      )`);
    await db.query(`
      CREATE TABLE volunteer_daily (
        scope varchar(40) NOT NULL,
        campaign_year int NOT NULL,
        day date NOT NULL,
        service_records int NOT NULL DEFAULT 0,
        service_hours numeric(12,1) NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, campaign_year, day)
      )`);
    // A database that already holds rows (npm start's kept data directory) gets its rollups now.
    await recountVolunteerStats(db.manager);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE volunteer_daily');
    await db.query('DROP TABLE volunteer_active');
    await db.query('DROP TABLE volunteer_stats');
  }
}
