import { addDays, chinaDate, chinaDateSql, chinaDayStart, chinaTime, chinaYear } from '@kepuri/platform';

describe('the hub clock (China Standard Time, UTC+8)', () => {
  it('reads days and years in China time', () => {
    expect(chinaDate(new Date('2020-09-18T16:00:00Z'))).toBe('2020-09-19');
    expect(chinaDate(new Date('2020-09-18T15:59:59Z'))).toBe('2020-09-18');
    expect(chinaDate('2020-09-18T16:00:00Z')).toBe('2020-09-19');
    expect(chinaYear(new Date('2020-12-31T16:00:00Z'))).toBe(2021);
    expect(chinaYear(new Date('2020-12-31T15:59:59Z'))).toBe(2020);
  });
  it('starts a China day at 16:00 UTC the day before, and counts calendar days', () => {
    expect(chinaDayStart('2020-09-19').toISOString()).toBe('2020-09-18T16:00:00.000Z');
    expect(chinaDate(chinaDayStart('2020-09-19'))).toBe('2020-09-19');
    expect(addDays('2020-09-30', 1)).toBe('2020-10-01');
    expect(addDays('2021-01-01', -1)).toBe('2020-12-31');
  });
  it('writes times for people and the same day rule for SQL', () => {
    expect(chinaTime(new Date('2020-09-25T16:00:00Z'))).toBe('2020-09-26 00:00 (UTC+8)');
    expect(chinaDateSql('f.created_at')).toBe("((f.created_at AT TIME ZONE 'UTC') + interval '8 hours')::date");
  });
});
