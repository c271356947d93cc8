import type { Logger } from '../logger';

export interface DemoMarket {
  /** Base URL of the simulated wiki API on loopback, e.g. http://127.0.0.1:PORT/api/v1/osrs */
  url: string;
  close(): Promise<void>;
}

// Stub: replaced by the demo market's owner.
export async function startDemoMarket(_options: { tickMs: number; logger: Logger }): Promise<DemoMarket> {
  throw new Error('demo market not built yet');
}
