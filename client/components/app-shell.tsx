import type { JSX } from 'solid-js';
import { AppHeader } from './app-header';
import { CopyToast } from './copy-toast';
import { OfflineBanner } from './offline-banner';
import { UpdatePrompt } from './update-prompt';

export interface AppShellProps {
  status: JSX.Element;
  actions: JSX.Element;
  /** Why prices cannot be refreshed (state/app-status.ts); null: no banner. */
  offlineReason: string | null;
  pricesAge: string | null;
  pricesAt: number | null;
  updateReady: boolean;
  onUpdate: () => void;
  onDismissUpdate: () => void;
  /** The confirmation of a copied price. */
  copied: string | null;
  /** Alerts that fired while notifications are not allowed. */
  alertBanner?: JSX.Element;
  children: JSX.Element;
}

export function AppShell(props: AppShellProps) {
  return (
    <>
      <a class="visually-hidden skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader status={props.status} actions={props.actions} />
      <OfflineBanner reason={props.offlineReason} pricesAge={props.pricesAge} pricesAt={props.pricesAt} />
      {props.alertBanner}
      <main id="main">{props.children}</main>
      <CopyToast message={props.copied} />
      <UpdatePrompt visible={props.updateReady} onReload={props.onUpdate} onDismiss={props.onDismissUpdate} />
    </>
  );
}
