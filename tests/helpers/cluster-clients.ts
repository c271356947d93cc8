// Stream clients of a test cluster: opened with a Last-Event-ID on any instance, closed (with the
// cluster) after each test, and read back as what the PWA would hold.
import { afterEach } from 'vitest';
import type { RunningServer } from '../../server/start';
import type { TestCluster } from './cluster-harness';
import { applyToView, createClientView, type ClientView } from './client-view';
import { openRawStream, type RawStream } from './sse-reader';
import { waitFor } from './wait-for';

export interface ClusterClient {
  filter: number[] | null;
  stream: RawStream;
}

export interface ClusterUnderTest {
  cluster: TestCluster | undefined;
  connect(instance: RunningServer, filter: number[] | null, lastEventId: string): Promise<ClusterClient>;
}

/** Registers the teardown: every stream, then the cluster the test set. */
export function useClusterClients(): ClusterUnderTest {
  const streams: RawStream[] = [];
  const held: ClusterUnderTest = {
    cluster: undefined,
    async connect(instance, filter, lastEventId) {
      const query = filter === null ? '' : `?items=${filter.join(',')}`;
      const stream = await openRawStream(`${instance.url}/api/v1/prices/stream${query}`, { 'Last-Event-ID': lastEventId });
      streams.push(stream);
      // A refused stream ends at once; said here, with the server's reason, not later as "ended".
      if (stream.status !== 200) await waitFor('the refusal to end', () => stream.ended());
      if (stream.status !== 200) throw new Error(`the stream on ${instance.url} answered ${stream.status}: ${stream.body()}`);
      return { filter, stream };
    },
  };
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await held.cluster?.close();
    held.cluster = undefined;
  });
  return held;
}

export function viewOf(client: ClusterClient): ClientView {
  const view = createClientView();
  for (const event of client.stream.events) applyToView(view, event);
  return view;
}
