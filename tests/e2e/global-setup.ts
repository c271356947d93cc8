// One demo server shared by the specs that only read; specs that stop or change their server
// start their own (tests/helpers/e2e-server.ts).
import { startE2eServer } from '../helpers/e2e-server';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startE2eServer();
  process.env.E2E_BASE_URL = server.url;
  return () => server.dispose();
}
