// A desktop's notification service for the browser tests: a private D-Bus session bus (Debian's
// dbus-daemon, its own socket in a temp dir, started and stopped here) with a stand-in for
// org.freedesktop.Notifications on it. Chromium started with DBUS_SESSION_BUS_ADDRESS pointing at
// it shows web notifications there, as on a Linux desktop, and a `click` here is the user clicking
// one: Chromium dispatches `notificationclick` with the click's user activation, so the service
// worker may open a window, which a click dispatched from script may not. Skipped, saying why,
// when dbus-daemon is missing (scripts/ensure-dbus.sh installs it), except under CI=true.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusConnection, WireReader, WireWriter, type Message } from './dbus-wire';
import { waitFor } from './wait-for';

const DBUS_DAEMON = process.env.DBUS_DAEMON_PATH ?? '/usr/bin/dbus-daemon';
const SERVICE = 'org.freedesktop.Notifications';
const OBJECT = '/org/freedesktop/Notifications';

/** Why no bus can be started here, or null when one can. */
export const notificationBusUnavailable: string | null = (() => {
  const probe = spawnSync(DBUS_DAEMON, ['--version'], { encoding: 'utf8' });
  return probe.error ? `dbus-daemon not runnable at ${DBUS_DAEMON} (scripts/ensure-dbus.sh installs it): ${probe.error.message}` : null;
})();

/** A notification as the desktop received it (Chromium puts the origin above the body). */
export interface DesktopNotification {
  id: number;
  appName: string;
  summary: string;
  body: string;
}

export interface NotificationBus {
  /** For the browser's environment: DBUS_SESSION_BUS_ADDRESS. */
  address: string;
  /** Every notification shown so far, oldest first. */
  shown: DesktopNotification[];
  /** The ids the browser closed (a click closes its notification in the app's handler). */
  closed: number[];
  /** The user clicks the notification: its default action. */
  click(id: number): void;
  stop(): Promise<void>;
}

const BUS_CONFIG = (socket: string) => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

function stringsBody(...values: string[]): Buffer {
  const body = new WireWriter();
  for (const value of values) body.string(value);
  return body.bytes();
}

export async function startNotificationBus(): Promise<NotificationBus> {
  const dir = mkdtempSync(join(tmpdir(), 'ge-dbus-'));
  const socket = join(dir, 'bus');
  writeFileSync(join(dir, 'bus.conf'), BUS_CONFIG(socket));
  const child = spawn(DBUS_DAEMON, ['--config-file', join(dir, 'bus.conf'), '--nofork', '--print-address'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let printed = '';
  let complaints = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (complaints += chunk.toString('utf8')));
  let connection: BusConnection | undefined;
  const stop = async (): Promise<void> => {
    connection?.close();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  const shown: DesktopNotification[] = [];
  const closed: number[] = [];
  let nextId = 1;
  const answer = (call: Message) => {
    if (call.path !== OBJECT || call.interface !== SERVICE) return null;
    if (call.member === 'GetCapabilities') {
      const body = new WireWriter();
      body.array(4, () => ['actions', 'body'].forEach((capability) => body.string(capability)));
      return { signature: 'as', body: body.bytes() };
    }
    if (call.member === 'GetServerInformation') return { signature: 'ssss', body: stringsBody('ge-tracker-tests', 'ge-tracker', '1', '1.2') };
    if (call.member === 'Notify') {
      // app_name, replaces_id, app_icon, summary, body; then actions, hints and timeout, unread.
      const args = new WireReader(call.body);
      const appName = args.string();
      const replaces = args.uint32();
      args.string();
      const summary = args.string();
      const text = args.string();
      const id = replaces === 0 ? nextId++ : replaces;
      shown.push({ id, appName, summary, body: text });
      const body = new WireWriter();
      body.uint32(id);
      return { signature: 'u', body: body.bytes() };
    }
    if (call.member === 'CloseNotification') {
      closed.push(new WireReader(call.body).uint32());
      return { signature: '', body: Buffer.alloc(0) };
    }
    return null;
  };

  try {
    await waitFor('dbus-daemon to print its address', () => {
      if (child.exitCode !== null) throw new Error(`dbus-daemon exited (${child.exitCode}): ${complaints}`);
      return printed.includes('\n') || undefined;
    }, 10_000);
    connection = await BusConnection.open(socket, answer);
    const flags = new WireWriter();
    flags.string(SERVICE);
    flags.uint32(0x4); // DBUS_NAME_FLAG_DO_NOT_QUEUE
    const owned = await connection.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'RequestName' }, 'su', flags.bytes());
    if (new WireReader(owned.body).uint32() !== 1) throw new Error(`could not own ${SERVICE} on the private bus`);
  } catch (error) {
    await stop();
    throw error;
  }
  const bus = connection;
  return {
    address: printed.trim(),
    shown,
    closed,
    click(id) {
      const body = new WireWriter();
      body.uint32(id);
      body.string('default');
      bus.signal(OBJECT, SERVICE, 'ActionInvoked', 'us', body.bytes());
    },
    stop,
  };
}
