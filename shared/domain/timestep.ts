export const TIMESTEPS = ['5m', '1h', '6h', '24h'] as const;
export type Timestep = (typeof TIMESTEPS)[number];

/** The timesteps the wiki publishes as windows (/5m, /1h); 6h and 24h come from rollups and /timeseries. */
export const WINDOW_STEPS = ['5m', '1h'] as const satisfies readonly Timestep[];
export type WindowStep = (typeof WINDOW_STEPS)[number];

export const TIMESTEP_SECONDS: Record<Timestep, number> = {
  '5m': 300,
  '1h': 3600,
  '6h': 21600,
  '24h': 86400,
};

export function isTimestep(value: unknown): value is Timestep {
  return typeof value === 'string' && (TIMESTEPS as readonly string[]).includes(value);
}

export function isWindowStep(step: Timestep): step is WindowStep {
  return (WINDOW_STEPS as readonly Timestep[]).includes(step);
}

/** Start of the bucket of `step` containing unix time `ts` (buckets are UTC-aligned). */
export function bucketStart(ts: number, step: Timestep): number {
  const size = TIMESTEP_SECONDS[step];
  return ts - (ts % size);
}
