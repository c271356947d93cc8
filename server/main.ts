// Entry point: the only place that reads the environment, listens for signals and exits.
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startDemoMarket, type DemoMarket } from './upstream/demo/market';
import { startServer } from './start';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ge-tracker: bad configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  // The demo market stands in for the wiki, as a test's fake upstream does: it is not the server.
  let demo: DemoMarket | undefined;
  if (config.demo) {
    demo = await startDemoMarket({ tickMs: config.demoTickMs, logger: logger.child({ component: 'demo-market' }) });
    logger.info({ upstream: demo.url }, 'demo market started');
  }

  const running = await startServer(config, { logger, upstreamUrl: demo?.url });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await running.close();
    await demo?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`ge-tracker: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
