export const TIMESTEPS = ['5m', '1h', '6h', '24h'] as const;
export type Timestep = (typeof TIMESTEPS)[number];

export const TIMESTEP_SECONDS: Record<Timestep, number> = {
  '5m': 300,
  '1h': 3600,
  '6h': 21600,
  '24h': 86400,
};

export function isTimestep(value: unknown): value is Timestep {
  return typeof value === 'string' && (TIMESTEPS as readonly string[]).includes(value);
}

/** Start of the bucket of `step` containing unix time `ts` (buckets are UTC-aligned). */
export function bucketStart(ts: number, step: Timestep): number {
  const size = TIMESTEP_SECONDS[step];
  return ts - (ts % size);
}
