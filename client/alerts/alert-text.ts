// How an alert is put into words, on the alerts page and in its notification, and the notification
// itself: one shape for the one the device shows and the one a push shows, so each replaces the
// other (same tag) and a click on either opens the same item.
import type { AlertMeasure, AlertRule, FiredAlert } from '../../shared/protocol/alerts';
import { formatExact, formatPrice } from '../../shared/domain/price-format';

/** What the service worker posts to its pages after it showed a pushed alert. */
export const ALERT_SHOWN_MESSAGE = 'alert-shown';

export const MEASURE_NAMES: Readonly<Record<AlertMeasure, string>> = {
  buy: 'Buy price',
  sell: 'Sell price',
  margin: 'Margin',
  profit: 'Profit after tax',
  roi: 'ROI',
  volume: '24 h volume',
};

type RuleWords = Pick<AlertRule, 'kind' | 'measure' | 'op' | 'target' | 'window' | 'mode'>;

/** The target in the measure's unit: gp, percent or units. */
export function formatTarget(measure: AlertMeasure, kind: AlertRule['kind'], target: number): string {
  return kind !== 'threshold' || measure === 'roi' ? `${target}%` : formatPrice(target);
}

/** "Buy price below 1.5M", "Sell price up 5% over 1 h", "Dump: buy price 10% under its 24 h average, volume spiking". */
export function describeRule(rule: RuleWords): string {
  const measure = MEASURE_NAMES[rule.measure];
  switch (rule.kind) {
    case 'threshold':
      return `${measure} ${rule.op} ${formatTarget(rule.measure, rule.kind, rule.target)}`;
    case 'move':
      return `${measure} ${rule.op === 'above' ? 'up' : 'down'} ${rule.target}% over ${rule.window === '1h' ? '1 h' : '24 h'}`;
    case 'dump':
      return `Dump: ${measure.toLowerCase()} ${rule.target}% under its 24 h average, volume spiking`;
  }
}

/** What fired, in the unit of its measure: "1,400,000 gp", "4.2%", "12,000 traded". */
export function formatFiredValue(fired: Pick<FiredAlert, 'measure' | 'kind' | 'value'>): string {
  if (fired.kind !== 'threshold' || fired.measure === 'roi') return `${Math.round(fired.value * 100) / 100}%`;
  if (fired.measure === 'volume') return `${Math.round(fired.value).toLocaleString('en-GB')} traded`;
  return formatExact(fired.value);
}

export interface AlertNotificationData {
  alertId: string;
  itemId: number;
  seq: number;
  price: number | null;
}

export interface AlertNotification {
  title: string;
  options: { tag: string; body: string; data: AlertNotificationData; icon: string; badge: string };
}

export function alertTag(alertId: string): string {
  return `alert-${alertId}`;
}

/** The notification for a fired alert. `rule` (when the device still holds it) words the condition. */
export function alertNotification(fired: FiredAlert, itemName: string | null, rule?: RuleWords): AlertNotification {
  const name = itemName ?? `Item ${fired.itemId}`;
  const condition = rule ? describeRule(rule) : MEASURE_NAMES[fired.measure];
  const price = fired.price === null ? '' : ` · price ${formatExact(fired.price)}`;
  return {
    title: `${name}: ${condition}`,
    options: {
      tag: alertTag(fired.alertId),
      body: `Now ${formatFiredValue(fired)}${price}`,
      data: { alertId: fired.alertId, itemId: fired.itemId, seq: fired.seq, price: fired.price },
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
    },
  };
}
