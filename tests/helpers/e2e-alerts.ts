// What the alert browser tests share: filling in the alert form, reading the device's rule ids,
// and reaching the service worker's registration through the DevTools protocol.
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { expect } from './e2e-app';

export const secondsNow = (): number => Math.floor(Date.now() / 1000);

export async function addAlert(page: Page, fields: { item?: string; measure?: string; op?: string; target: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Add an alert' });
  if (fields.item !== undefined) {
    await form.getByLabel('Item').fill(fields.item);
    await form.getByLabel('Item').blur();
  }
  if (fields.measure) await form.getByLabel('Measure').selectOption({ label: fields.measure });
  if (fields.op) await form.getByLabel('Direction').selectOption({ label: fields.op });
  await form.getByLabel('Target', { exact: true }).fill(fields.target);
  await form.getByRole('button', { name: 'Add alert' }).click();
}

/** The id of the device's one rule for an item, as IndexedDB holds it. */
export function ruleIdFor(page: Page, itemId: number): Promise<string> {
  return page.evaluate(
    (id) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('ge-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('alerts').objectStore('alerts').getAll();
          request.onsuccess = () => {
            open.result.close();
            const rule = (request.result as Array<{ id: string; itemId: number }>).find((r) => r.itemId === id);
            if (rule) resolve(rule.id);
            else reject(new Error(`no rule for item ${id}`));
          };
        };
      }),
    itemId,
  );
}

/** The registration id the DevTools protocol knows the app's activated service worker by. */
export async function registrationId(cdp: CDPSession, origin: string): Promise<string> {
  const found: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) if (version.scriptURL.startsWith(origin) && version.status === 'activated') found.push(version.registrationId);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => found.length).toBeGreaterThan(0);
  return found[0]!;
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker');
}
