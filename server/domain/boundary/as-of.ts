import { z } from 'zod';

/**
 * `asOf` for the history views. A bare date means the map as it stood at the end of that day in China
 * Standard Time (UTC+8, no DST), because "the map on 2026-03-01" in a street office means after that
 * day's publish, not at midnight UTC. A full ISO instant is taken as is.
 */
export function parseAsOf(value: string): Date | null {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999+08:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const AsOfSchema = z
  .string()
  .refine((v) => parseAsOf(v) !== null, 'asOf must be YYYY-MM-DD or an ISO 8601 instant')
  .transform((v) => parseAsOf(v) as Date);
